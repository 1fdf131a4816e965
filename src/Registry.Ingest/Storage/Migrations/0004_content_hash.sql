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

-- Like the keys dropped in version 3: only this program sets possible_duplicate_of, to the id of
-- a patient it has just read, and the check cost a queued trigger event per patient copied in
-- (about 60 ms per 50,000 new patients). The tests check that no ingest leaves it dangling.
ALTER TABLE registry.patient DROP CONSTRAINT patient_possible_duplicate_of_fkey;

-- A file's report and ACK text are several MB for a big file: lz4 compresses them in about half
-- the server time of the default pglz, where the server was built with it (Debian's is).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE registry.submission_file ALTER COLUMN report_text SET COMPRESSION lz4, ALTER COLUMN ack_text SET COMPRESSION lz4;
    END IF;
END
$$;
