-- Registry.Ingest schema, version 10: a vaccination names the message and line that created it,
-- as a patient names its creating message. Until now it kept only the creating file; after an
-- update the row's file, message and line are the update's, so nothing said where the dose was
-- first sent. Rows stored before this version leave both empty: that is not known.
ALTER TABLE registry.vaccination
    ADD COLUMN created_message_id bigint,
    ADD COLUMN created_line       integer;
