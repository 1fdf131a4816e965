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
-- The trigger's arguments name the content columns (and the provenance column every writer of
-- ours moves); the WHEN clause spares this program's own updates, which always set a new
-- digest, the call.
CREATE FUNCTION registry.forget_stale_content_hash() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD);
    new_row jsonb := to_jsonb(NEW);
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(TG_ARGV) AS c (name) WHERE new_row -> c.name IS DISTINCT FROM old_row -> c.name) THEN
        NEW.content_hash := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER patient_forget_stale_hash BEFORE UPDATE ON registry.patient
    FOR EACH ROW WHEN (NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash)
    EXECUTE FUNCTION registry.forget_stale_content_hash(
        'id_type', 'family_name', 'given_name', 'middle_name', 'name_suffix', 'mother_maiden_name', 'birth_date',
        'sex', 'races', 'ethnicity', 'street', 'street2', 'city', 'state', 'zip', 'country', 'county',
        'phone_area', 'phone_local', 'email', 'multiple_birth', 'birth_order', 'death_date', 'death_indicator',
        'publicity_code', 'protection_indicator', 'registry_status', 'updated_message_id');

-- Observations and VIS are only ever replaced together with their vaccination row, which moves
-- message_id; a change to them alone is caught through that.
CREATE TRIGGER vaccination_forget_stale_hash BEFORE UPDATE ON registry.vaccination
    FOR EACH ROW WHEN (NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash)
    EXECUTE FUNCTION registry.forget_stale_content_hash(
        'patient_id', 'sending_facility', 'filler_order_id', 'filler_order_authority', 'placer_order_id', 'cvx_code',
        'administered_on', 'administered_at', 'amount', 'amount_units', 'information_source', 'lot_number',
        'expiration_date', 'mvx_code', 'administering_provider_id', 'administering_provider', 'ordering_provider_id',
        'administered_at_facility', 'refusal_reason', 'completion_status', 'action_code', 'route', 'site',
        'vfc_eligibility', 'funding_source', 'deleted_at', 'message_id');
