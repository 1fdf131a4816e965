-- Registry.Ingest schema, version 13: when a name is seen in the drop folder beside ACK and report
-- files of its name, the worker asks whether an upload of that name was answered before (only
-- then are those files the previous answer, to be removed while the new upload waits). Asked by
-- name in any folder (one folder may be reached under two names), and never of a withdrawn file,
-- which got no answer. One probe instead of a scan of every file the worker ever took.
CREATE INDEX drop_file_answered_name ON registry.drop_file (name) WHERE step = 'done' AND outcome IS DISTINCT FROM 'withdrawn';
