-- Ingestion (issue 4): raw payloads kept first, normalized samples partitioned by month, daily
-- rollups with provenance, each person's source priority, and file imports.
--
-- Health data belongs to one person in one tenant. The app role reads and writes a person's
-- own rows in the current tenant; a clinician reads (never writes) the rows of members on their
-- care team there; an admin sees nothing of it unless also that person's clinician. Nothing is
-- reachable outside the tenant that holds it, not even by the person it is about.

-- The person's IANA zone: the local day of a timestamp that carries no offset (Fitbit exports).
-- Checked against the runtime's tz database by the app (Intl); here only its shape.
ALTER TABLE users ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'
  CHECK (time_zone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$');

-- A macro: RLS on, the person's own rows in the current tenant for every command, and reads of
-- the rows of members on the reader's care team in this tenant. The settings are read through
-- scalar subqueries, evaluated once per statement rather than once per row: these tables take
-- millions of rows per import.
CREATE OR REPLACE FUNCTION pg_temp.personal_health_data(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  own text := 'tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id())';
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format(
    'CREATE POLICY %1$s_select ON %1$s FOR SELECT TO vitalis_app USING (tenant_id = (SELECT app_tenant_id()) AND ('
    || 'user_id = (SELECT app_user_id()) OR EXISTS (SELECT 1 FROM care_team c WHERE c.tenant_id = %1$s.tenant_id '
    || 'AND c.clinician_id = (SELECT app_user_id()) AND c.member_id = %1$s.user_id)))', t);
  EXECUTE format('CREATE POLICY %1$s_insert ON %1$s FOR INSERT TO vitalis_app WITH CHECK (%2$s)', t, own);
  EXECUTE format('CREATE POLICY %1$s_update ON %1$s FOR UPDATE TO vitalis_app USING (%2$s) WITH CHECK (%2$s)', t, own);
  EXECUTE format('CREATE POLICY %1$s_delete ON %1$s FOR DELETE TO vitalis_app USING (%2$s)', t, own);
END
$$;

-- A macro for partitions: reached only through their parent (whose policies apply there), so
-- direct access is refused to the app role by RLS as well as by the absence of any grant.
-- The write path makes monthly partitions the same way at run time (src/db/repos/sample-partitions.ts).
CREATE OR REPLACE FUNCTION pg_temp.partition_only(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %1$s_select ON %1$s FOR SELECT TO vitalis_app USING (false)', t);
  EXECUTE format('CREATE POLICY %1$s_insert ON %1$s FOR INSERT TO vitalis_app WITH CHECK (false)', t);
  EXECUTE format('CREATE POLICY %1$s_update ON %1$s FOR UPDATE TO vitalis_app USING (false) WITH CHECK (false)', t);
  EXECUTE format('CREATE POLICY %1$s_delete ON %1$s FOR DELETE TO vitalis_app USING (false)', t);
END
$$;

-- File imports (Apple Health, Fitbit, CSV): the upload sits in blob storage under blob_key; a
-- job reads it and reports progress, counts per metric and skipped records (capped) here.
CREATE TABLE imports (
  id            uuid PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  format        text NOT NULL CHECK (format IN ('apple-health', 'fitbit', 'csv')),
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  progress      real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 100),
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(counts) = 'object'),
  -- The first skipped records, [{line, reason}]; skipped_total counts them all.
  skipped       jsonb NOT NULL DEFAULT '[]'::jsonb
                CHECK (CASE WHEN jsonb_typeof(skipped) = 'array' THEN jsonb_array_length(skipped) <= 1000 ELSE false END),
  skipped_total integer NOT NULL DEFAULT 0 CHECK (skipped_total >= 0),
  blob_key      text NOT NULL CHECK (length(blob_key) BETWEEN 1 AND 1000),
  file_name     text CHECK (length(file_name) <= 1000),
  size_bytes    bigint CHECK (size_bytes >= 0),
  -- How to read the file: Fitbit person id, CSV column mapping and date order.
  options       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object'),
  error         text,
  created_at    timestamptz NOT NULL,
  started_at    timestamptz,
  finished_at   timestamptz,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX imports_person_idx ON imports (tenant_id, user_id, created_at DESC);
SELECT pg_temp.personal_health_data('imports');
GRANT SELECT, INSERT, UPDATE (state, progress, counts, skipped, skipped_total, error, started_at, finished_at, updated_at)
  ON imports TO vitalis_app;

-- What a client, vendor or importer sent, as it came, committed before anything else happens to
-- it; normalization (a queued job, at least once) turns it into samples and marks it.
CREATE TABLE raw_payloads (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The client's key for this batch: the same key again is the same batch (unique per person).
  idempotency_key  text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  -- sha256 of the payload, kept with a key: a key reused for a different batch is refused, not ignored.
  payload_sha256   text CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
  import_id        uuid REFERENCES imports (id) ON DELETE SET NULL,
  -- The JSON text as received (json keeps it verbatim; jsonb would re-encode it at three times
  -- the cost of the write, and nothing queries inside it).
  payload          json NOT NULL,
  sample_count     integer NOT NULL CHECK (sample_count >= 0),
  received_at      timestamptz NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'normalized', 'failed')),
  normalized_at    timestamptz,
  -- Samples written (new or newer revisions), already stored as they are, skipped, and
  -- dropped for a newer revision in the same batch.
  stored_count     integer CHECK (stored_count >= 0),
  unchanged_count  integer CHECK (unchanged_count >= 0),
  rejected_count   integer CHECK (rejected_count >= 0),
  superseded_count integer CHECK (superseded_count >= 0),
  -- The first skipped samples, [{record, field, code, reason}] (record: 1-based position).
  rejections       jsonb NOT NULL DEFAULT '[]'::jsonb
                   CHECK (CASE WHEN jsonb_typeof(rejections) = 'array' THEN jsonb_array_length(rejections) <= 100 ELSE false END),
  error            text,
  CONSTRAINT raw_payloads_key_has_digest CHECK ((idempotency_key IS NULL) = (payload_sha256 IS NULL)),
  CONSTRAINT raw_payloads_normalized_when CHECK ((state = 'normalized') = (normalized_at IS NOT NULL)),
  CONSTRAINT raw_payloads_failed_why CHECK ((state = 'failed') = (error IS NOT NULL))
);
CREATE UNIQUE INDEX raw_payloads_idempotency_key ON raw_payloads (tenant_id, user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- The start-up sweep and the per-person backlog limit look only at what is still pending.
CREATE INDEX raw_payloads_pending_idx ON raw_payloads (tenant_id, user_id, received_at) WHERE state = 'pending';
CREATE INDEX raw_payloads_import_idx ON raw_payloads (import_id) WHERE import_id IS NOT NULL;
SELECT pg_temp.personal_health_data('raw_payloads');
GRANT SELECT, INSERT,
  UPDATE (state, normalized_at, stored_count, unchanged_count, rejected_count, superseded_count, rejections, error)
  ON raw_payloads TO vitalis_app;

-- Every normalized sample: instants, and intervals (steps over ten minutes, a sleep stage, a
-- workout's energy) with end_at after start_at; a point reading has end_at = start_at.
-- Intervals live here rather than in a table of their own: the domain treats every sample as
-- an interval (additive metrics are intervals too, so "instant or interval" is no table
-- boundary), and one table keeps one key, one revision rule, one upsert, one partitioning and
-- one set of policies; a sleep stage is a sample with an end and a category.
-- One row per (person, metric, source, start, whole day or not): the newest revision. A source's
-- daily total starts at local midnight like its first hourly value (Fitbit): both are kept. Partitioned by month of
-- start_at; the write path adds a month's partition before it writes into it, the DEFAULT
-- partition takes anything outside the months it manages.
-- No foreign keys: a check per row at millions of rows per import is too dear, and removing a
-- membership must not erase a person's history (erasure is its own use case).
CREATE TABLE samples (
  tenant_id          uuid NOT NULL,
  user_id            uuid NOT NULL,
  metric             text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  source             text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  start_at           timestamptz NOT NULL,
  end_at             timestamptz NOT NULL,
  value              double precision NOT NULL,
  -- Local offset at start_at (minutes east of UTC) and the person's local day it counts towards.
  utc_offset_minutes smallint NOT NULL CHECK (utc_offset_minutes BETWEEN -1080 AND 1080),
  local_date         date NOT NULL,
  category           text CHECK (length(category) <= 100),
  -- normalizeDevice keeps at most 256 characters.
  device             text CHECK (length(device) <= 1000),
  external_id        text CHECK (length(external_id) <= 200),
  -- The source gave a total for the whole local day (a bare date), e.g. Fitbit's daily steps.
  whole_day          boolean NOT NULL DEFAULT false,
  not_worn           boolean NOT NULL DEFAULT false,
  -- When the source recorded or revised it: the newer revision wins (unknown is oldest).
  recorded_at        timestamptz,
  raw_id             uuid NOT NULL,
  CONSTRAINT samples_end_not_before_start CHECK (end_at >= start_at),
  -- The key (tenant, user, metric, source, start, whole_day), ordered so that it also serves a
  -- person's time-range reads of one metric across sources, and keyset paging on (start_at, source, whole_day).
  PRIMARY KEY (tenant_id, user_id, metric, start_at, source, whole_day)
) PARTITION BY RANGE (start_at);
-- Daily rollups read a person's metric by local day (a day's starts span up to three UTC days).
CREATE INDEX samples_day_idx ON samples (tenant_id, user_id, metric, local_date);
-- Revisions that move a sample's start keep their external id (a re-scored night).
CREATE INDEX samples_external_id_idx ON samples (tenant_id, user_id, metric, source, external_id)
  WHERE external_id IS NOT NULL;
CREATE TABLE samples_default PARTITION OF samples DEFAULT;
SELECT pg_temp.personal_health_data('samples');
SELECT pg_temp.partition_only('samples_default');
-- Updates replace a revision; the key and the owner of a row never change.
GRANT SELECT, INSERT, DELETE,
  UPDATE (end_at, value, utc_offset_minutes, local_date, category, device, external_id, not_worn, recorded_at, raw_id)
  ON samples TO vitalis_app;

-- One value per (person, metric, local day), recomputed from that day's samples whenever they
-- change, with the provenance of every source (which won, what was merged or hidden).
CREATE TABLE daily_values (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric      text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  local_date  date NOT NULL,
  value       double precision NOT NULL,
  min         double precision,
  max         double precision,
  count       integer NOT NULL CHECK (count >= 0),
  status      text NOT NULL CHECK (status IN ('ok', 'not_worn')),
  -- Sleep: minutes per stage of the winning source.
  by_category jsonb CHECK (jsonb_typeof(by_category) = 'object'),
  provenance  jsonb NOT NULL CHECK (jsonb_typeof(provenance) = 'array'),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id, metric, local_date)
);
SELECT pg_temp.personal_health_data('daily_values');
GRANT SELECT, INSERT, DELETE, UPDATE (value, min, max, count, status, by_category, provenance, updated_at)
  ON daily_values TO vitalis_app;

-- Per person and metric: the sources seen so far, and the order the person put them in
-- (highest priority first; sources missing from it rank after, alphabetically).
CREATE TABLE source_priorities (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric      text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  priority    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(priority) <= 50),
  sources     text[] NOT NULL DEFAULT '{}' CHECK (cardinality(sources) <= 1000),
  priority_set_at timestamptz,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id, metric)
);
SELECT pg_temp.personal_health_data('source_priorities');
GRANT SELECT, INSERT, UPDATE (priority, sources, priority_set_at, updated_at) ON source_priorities TO vitalis_app;
