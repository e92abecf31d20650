-- Insight (issue 6): the journal, and each person's stored correlation report.

-- Journal entries: free text sealed with the key ring (AES-256-GCM, the AAD binds it to the
-- tenant, the person and the entry id), and the check-in fields the analytics read in the clear.
-- A journal is private: unlike other health data, not even a care-team clinician reads it, so
-- every command is the person's own, in the tenant that holds it.
CREATE TABLE journal_entries (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entry_date  date NOT NULL,
  text_sealed text CHECK (length(text_sealed) BETWEEN 1 AND 100000),
  mood        smallint CHECK (mood BETWEEN 1 AND 5),
  energy      smallint CHECK (energy BETWEEN 1 AND 5),
  stress      smallint CHECK (stress BETWEEN 1 AND 5),
  tags        text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  emoji       text CHECK (length(emoji) BETWEEN 1 AND 32),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
-- Newest first, with the id as tie-breaker for keyset paging.
CREATE INDEX journal_entries_person_idx ON journal_entries (tenant_id, user_id, entry_date DESC, id DESC);
ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY journal_entries_select ON journal_entries FOR SELECT TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
CREATE POLICY journal_entries_insert ON journal_entries FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
CREATE POLICY journal_entries_update ON journal_entries FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
CREATE POLICY journal_entries_delete ON journal_entries FOR DELETE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
GRANT SELECT, INSERT, DELETE, UPDATE (entry_date, text_sealed, mood, energy, stress, tags, emoji, updated_at)
  ON journal_entries TO vitalis_app;

-- The latest correlation run of a person (a job computes it as that person; see
-- src/app/insight/correlations). Health data like any other: the person writes it, their
-- care-team clinicians read it.
CREATE TABLE correlation_reports (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version       text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
  computed_at   timestamptz NOT NULL,
  -- The days analysed; null when the person had no data yet.
  data_from     date,
  data_to       date,
  findings      jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array'),
  skipped_count integer NOT NULL CHECK (skipped_count >= 0),
  PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT correlation_reports_span CHECK ((data_from IS NULL) = (data_to IS NULL) AND data_from <= data_to)
);
ALTER TABLE correlation_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE correlation_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY correlation_reports_select ON correlation_reports FOR SELECT TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (user_id = (SELECT app_user_id()) OR EXISTS (
    SELECT 1 FROM care_team c WHERE c.tenant_id = correlation_reports.tenant_id
       AND c.clinician_id = (SELECT app_user_id()) AND c.member_id = correlation_reports.user_id)));
CREATE POLICY correlation_reports_insert ON correlation_reports FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
CREATE POLICY correlation_reports_update ON correlation_reports FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
-- For erasure; no delete is granted to the app role yet, a report is only ever replaced.
CREATE POLICY correlation_reports_delete ON correlation_reports FOR DELETE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id()));
GRANT SELECT, INSERT, UPDATE (version, computed_at, data_from, data_to, findings, skipped_count)
  ON correlation_reports TO vitalis_app;
