-- Registry.Ingest schema, version 5: two savings on big files.

-- Like the keys dropped in version 3: only this program sets possible_duplicate_of, to the id of
-- a patient it has just read, and the check cost a queued trigger event per patient copied in
-- (about 60 ms per 50,000 new patients). The tests check that no ingest leaves it dangling.
ALTER TABLE registry.patient DROP CONSTRAINT patient_possible_duplicate_of_fkey;

-- A file's report and ACK text are several MB for a big file: lz4 compresses them in about half
-- the server time of the default pglz, where the server was built with it (Debian's is). A dump
-- restored into a server without lz4 needs pg_restore --no-toast-compression.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE registry.submission_file ALTER COLUMN report_text SET COMPRESSION lz4, ALTER COLUMN ack_text SET COMPRESSION lz4;
    END IF;
END
$$;
