-- Registry.Ingest schema, version 3: child rows written in bulk carry no foreign key.
--
-- A file's messages, identifiers, next of kin and vaccinations are written by this program only,
-- in the same transaction as the file and patient rows they point to, with ids it has just
-- assigned. Checked per row, each of these keys cost a lookup and a row lock on the parent
-- (a write to the parent's tuple, and WAL for it): measured on the 50,000-message file, about
-- 0.9 s of the server's 2.4 s of COPY time. The tests check that no ingest leaves an orphan.
ALTER TABLE registry.message DROP CONSTRAINT message_file_id_fkey;
ALTER TABLE registry.patient_identifier DROP CONSTRAINT patient_identifier_patient_id_fkey;
ALTER TABLE registry.next_of_kin DROP CONSTRAINT next_of_kin_patient_id_fkey;
ALTER TABLE registry.vaccination DROP CONSTRAINT vaccination_patient_id_fkey;
