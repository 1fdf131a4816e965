-- Registry.Ingest schema, version 8: a vaccination known by its ORC-3 order number is that
-- number's for one patient. Some EHRs number orders per patient (1, 2, ...) and the CDC guide
-- itself sends 9999 for refusals and evidence of immunity: keyed by facility and number alone,
-- a later patient's record overwrote the earlier patient's and moved it. Only widens the key,
-- so every stored row satisfies it.
DROP INDEX registry.vaccination_by_order;
CREATE UNIQUE INDEX vaccination_by_order ON registry.vaccination (sending_facility, filler_order_id, filler_order_authority, patient_id) WHERE filler_order_id IS NOT NULL;
