-- Registry.Ingest schema, version 4. A record remembers the digest of the last message content
-- applied to it, so the same content sent again changes nothing and writes nothing.
--
-- content_hash: the first 16 bytes of SHA-256 over what the message that last changed the record
-- contributed (for a patient: demographics, identifiers and next of kin; for a vaccination: its
-- fields, observations and VIS). Null for rows written before this version, which therefore take
-- the next message for them as a change. A resent message whose content is unchanged is still
-- logged in registry.message, but leaves the record, and its "updated" provenance, as they were.
ALTER TABLE registry.patient ADD COLUMN content_hash bytea;
ALTER TABLE registry.vaccination ADD COLUMN content_hash bytea;

-- The digest is only true while this program is the one that last wrote the row. Anything else
-- that changes a record's content without setting a new digest (a manual correction, a program
-- of another version or another component) makes it unknown, so the next message is applied.
CREATE FUNCTION registry.forget_stale_patient_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash
       AND (NEW.id_type, NEW.family_name, NEW.given_name, NEW.middle_name, NEW.name_suffix, NEW.mother_maiden_name, NEW.birth_date,
            NEW.sex, NEW.races, NEW.ethnicity, NEW.street, NEW.street2, NEW.city, NEW.state, NEW.zip, NEW.country, NEW.county,
            NEW.phone_area, NEW.phone_local, NEW.email, NEW.multiple_birth, NEW.birth_order, NEW.death_date, NEW.death_indicator,
            NEW.publicity_code, NEW.protection_indicator, NEW.registry_status, NEW.updated_message_id)
           IS DISTINCT FROM
           (OLD.id_type, OLD.family_name, OLD.given_name, OLD.middle_name, OLD.name_suffix, OLD.mother_maiden_name, OLD.birth_date,
            OLD.sex, OLD.races, OLD.ethnicity, OLD.street, OLD.street2, OLD.city, OLD.state, OLD.zip, OLD.country, OLD.county,
            OLD.phone_area, OLD.phone_local, OLD.email, OLD.multiple_birth, OLD.birth_order, OLD.death_date, OLD.death_indicator,
            OLD.publicity_code, OLD.protection_indicator, OLD.registry_status, OLD.updated_message_id) THEN
        NEW.content_hash := NULL;
    END IF;
    RETURN NEW;
END
$$;

-- The WHEN clause spares this program's own updates (which always set a new digest) the call.
CREATE TRIGGER patient_forget_stale_hash BEFORE UPDATE ON registry.patient
    FOR EACH ROW WHEN (NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash)
    EXECUTE FUNCTION registry.forget_stale_patient_hash();

-- Observations and VIS are only ever replaced together with their vaccination row, which moves
-- message_id; a change to them alone is caught through that.
CREATE FUNCTION registry.forget_stale_vaccination_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash
       AND (NEW.patient_id, NEW.sending_facility, NEW.filler_order_id, NEW.filler_order_authority, NEW.placer_order_id, NEW.cvx_code,
            NEW.administered_on, NEW.administered_at, NEW.amount, NEW.amount_units, NEW.information_source, NEW.lot_number,
            NEW.expiration_date, NEW.mvx_code, NEW.administering_provider_id, NEW.administering_provider, NEW.ordering_provider_id,
            NEW.administered_at_facility, NEW.refusal_reason, NEW.completion_status, NEW.action_code, NEW.route, NEW.site,
            NEW.vfc_eligibility, NEW.funding_source, NEW.deleted_at, NEW.message_id)
           IS DISTINCT FROM
           (OLD.patient_id, OLD.sending_facility, OLD.filler_order_id, OLD.filler_order_authority, OLD.placer_order_id, OLD.cvx_code,
            OLD.administered_on, OLD.administered_at, OLD.amount, OLD.amount_units, OLD.information_source, OLD.lot_number,
            OLD.expiration_date, OLD.mvx_code, OLD.administering_provider_id, OLD.administering_provider, OLD.ordering_provider_id,
            OLD.administered_at_facility, OLD.refusal_reason, OLD.completion_status, OLD.action_code, OLD.route, OLD.site,
            OLD.vfc_eligibility, OLD.funding_source, OLD.deleted_at, OLD.message_id) THEN
        NEW.content_hash := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER vaccination_forget_stale_hash BEFORE UPDATE ON registry.vaccination
    FOR EACH ROW WHEN (NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash)
    EXECUTE FUNCTION registry.forget_stale_vaccination_hash();
