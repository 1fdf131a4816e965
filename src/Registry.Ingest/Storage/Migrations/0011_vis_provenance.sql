-- Registry.Ingest schema, version 11: VIS rows carry their provenance, as every other stored row
-- does: the file and message that sent the document, and the line of its first OBX. Rows stored
-- before this version leave all three empty: that is not known (their vaccination's message is
-- the last that changed it, which need not be the one that sent its VIS), as with the creating
-- message of vaccinations before version 10.
ALTER TABLE registry.vaccination_vis
    ADD COLUMN file_id    bigint,
    ADD COLUMN message_id bigint,
    ADD COLUMN line       integer;
