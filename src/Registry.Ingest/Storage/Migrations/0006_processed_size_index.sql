-- Registry.Ingest schema, version 6: the worker asks, before each download, whether a processed
-- file has the new file's size (only then can the file repeat one, and it is downloaded whole
-- before it is read). One probe instead of a scan of every file ever received.
CREATE INDEX submission_file_processed_size ON registry.submission_file (size_bytes) WHERE status = 'processed';
