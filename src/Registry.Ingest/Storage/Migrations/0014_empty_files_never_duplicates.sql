-- Registry.Ingest schema, version 14: a file that holds no message (a batch envelope saying
-- "nothing today") stores nothing, so it repeats nothing either. Every clinic's empty envelope can
-- be byte for byte the same: taken for a duplicate, a clinic's was answered with another clinic's
-- ACK (its file names in FHS-9 and FHS-12) and a report naming that clinic's file. Such files are
-- each processed; only files with messages are kept unique by content.
DROP INDEX registry.submission_file_processed_sha256;
CREATE UNIQUE INDEX submission_file_processed_sha256 ON registry.submission_file (sha256) WHERE status = 'processed' AND messages_read > 0;
