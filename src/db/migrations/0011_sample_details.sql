-- What a sample carries beside its value (issue 4): a workout's activity name and statistics
-- (energy, distance, heart rate), the beat-to-beat series an HRV reading was computed from.
-- Kept on the sample's own row, so its key, revision rule, row-level security and deletion
-- apply unchanged; null for every other sample. Read back whole, never queried inside.
-- The domain caps a beat series at 1000 beats (about 45 kB); the check is the backstop.
ALTER TABLE samples ADD COLUMN details jsonb
  CHECK (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 100000);
GRANT UPDATE (details) ON samples TO vitalis_app;
