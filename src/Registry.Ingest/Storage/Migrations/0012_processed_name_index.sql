-- Registry.Ingest schema, version 12: every file stored asks whether a processed file of its name
-- was received before (the file-name-received-before note). One probe instead of a scan of every
-- file ever received, as version 6 did for the size.
CREATE INDEX submission_file_processed_name ON registry.submission_file (file_name) WHERE status = 'processed';
