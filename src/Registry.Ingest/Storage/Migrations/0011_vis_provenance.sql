-- Registry.Ingest schema, version 11: VIS rows carry their provenance, as every other stored row
-- does: the file and message that sent the document, and the line of its first OBX. Rows stored
-- before this version take their vaccination's file and message, and its line (the RXA's): the
-- message is right (a vaccination's VIS documents are replaced with it), the line is the nearest
-- known.
ALTER TABLE registry.vaccination_vis
    ADD COLUMN file_id    bigint,
    ADD COLUMN message_id bigint,
    ADD COLUMN line       integer;

UPDATE registry.vaccination_vis d
SET file_id = v.file_id, message_id = v.message_id, line = v.line
FROM registry.vaccination v
WHERE v.id = d.vaccination_id;

ALTER TABLE registry.vaccination_vis
    ALTER COLUMN file_id SET NOT NULL,
    ALTER COLUMN message_id SET NOT NULL,
    ALTER COLUMN line SET NOT NULL;
