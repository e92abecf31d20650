-- An import's batches keep no second copy of their samples: the uploaded file, durable in blob
-- storage before the first batch is read, is their raw payload, and a re-run reads it again.
-- Each batch leaves a marker instead (its idempotency key `import:<id>:<n>`, counts and
-- rejections, no payload), written in the transaction that stores its samples and daily
-- values: a marker is never pending, so a re-run after a crash skips exactly the batches that
-- committed. Without a payload there is nothing to digest, hence no sha256 beside its key.
ALTER TABLE raw_payloads ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE raw_payloads DROP CONSTRAINT raw_payloads_key_has_digest;
ALTER TABLE raw_payloads ADD CONSTRAINT raw_payloads_key_has_digest
  CHECK (payload IS NULL OR (idempotency_key IS NULL) = (payload_sha256 IS NULL));
ALTER TABLE raw_payloads ADD CONSTRAINT raw_payloads_marker_is_stored
  CHECK (payload IS NOT NULL OR (idempotency_key IS NOT NULL AND payload_sha256 IS NULL AND state = 'normalized'));
