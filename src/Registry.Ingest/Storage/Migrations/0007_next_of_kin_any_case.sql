-- Registry.Ingest schema, version 7: a next of kin is the same person whatever the case of the
-- name's letters (DOE^MARY, then Doe^Mary from the same clinic's new EHR); until now each
-- spelling got its own row. Case is folded for ASCII letters only (the "C" collation), the
-- same way the program compares names, whatever the database's locale. Rows that differ only
-- in case are merged first: the one changed last is kept (it holds what the clinic sent last).
DELETE FROM registry.next_of_kin n
USING registry.next_of_kin k
WHERE k.patient_id = n.patient_id
  AND k.relationship = n.relationship
  AND lower(k.family_name COLLATE "C") = lower(n.family_name COLLATE "C")
  AND lower(k.given_name COLLATE "C") = lower(n.given_name COLLATE "C")
  AND (k.message_id, k.id) > (n.message_id, n.id);

ALTER TABLE registry.next_of_kin DROP CONSTRAINT next_of_kin_patient_id_relationship_family_name_given_name_key;
CREATE UNIQUE INDEX next_of_kin_person ON registry.next_of_kin (patient_id, relationship, lower(family_name COLLATE "C"), lower(given_name COLLATE "C"));
