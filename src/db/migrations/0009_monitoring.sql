-- Monitoring (issue 7): rules that watch people's readings, the alerts they raise, the live
-- event log behind GET /api/v1/stream, in-app notifications with each person's preferences,
-- and each tenant's on-call clinicians, alert policy and outgoing webhook.
--
-- Who sees what a rule found about a person (an alert, its comments, a live event): the person,
-- the clinicians with them on their care team, and whoever the tenant's admins put on call.
-- An admin sees none of it unless also one of those (health data, as in 0006).

-- Clinicians (or admins) on call in a tenant: paged by doctor_ping rules, and allowed to see
-- every member's alerts. Leaving the tenant takes a person off call.
CREATE TABLE alert_on_call (
  tenant_id  uuid NOT NULL,
  user_id    uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
ALTER TABLE alert_on_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_on_call FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_on_call_select ON alert_on_call FOR SELECT TO vitalis_app USING (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY alert_on_call_insert ON alert_on_call FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_on_call_update ON alert_on_call FOR UPDATE TO vitalis_app USING (false) WITH CHECK (false);
CREATE POLICY alert_on_call_delete ON alert_on_call FOR DELETE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
GRANT SELECT, INSERT, DELETE ON alert_on_call TO vitalis_app;

-- A macro: RLS on, reads of the rows about a person (`user_id`) by whoever watches them (the
-- person, their care-team clinicians, the tenant's on-call), updates by the same when
-- `updatable`, inserts as `inserts` says (watcher: the same people; own: the person alone;
-- author: a watcher writing as themselves, author_id), deletes by nobody.
CREATE OR REPLACE FUNCTION pg_temp.watched_person(t regclass, inserts text, updatable boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  watcher text := format(
    'tenant_id = (SELECT app_tenant_id()) AND (user_id = (SELECT app_user_id())'
    || ' OR EXISTS (SELECT 1 FROM care_team c WHERE c.tenant_id = %1$s.tenant_id AND c.clinician_id = (SELECT app_user_id()) AND c.member_id = %1$s.user_id)'
    || ' OR EXISTS (SELECT 1 FROM alert_on_call o WHERE o.tenant_id = %1$s.tenant_id AND o.user_id = (SELECT app_user_id())))', t);
  insert_check text := CASE inserts
    WHEN 'watcher' THEN watcher
    WHEN 'own' THEN 'tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id())'
    WHEN 'author' THEN watcher || ' AND author_id = (SELECT app_user_id())'
  END;
BEGIN
  IF insert_check IS NULL THEN
    RAISE EXCEPTION 'watched_person: inserts must be watcher, own or author, not %', inserts;
  END IF;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %1$s_select ON %1$s FOR SELECT TO vitalis_app USING (%2$s)', t, watcher);
  EXECUTE format('CREATE POLICY %1$s_insert ON %1$s FOR INSERT TO vitalis_app WITH CHECK (%2$s)', t, insert_check);
  EXECUTE format('CREATE POLICY %1$s_update ON %1$s FOR UPDATE TO vitalis_app USING (%2$s) WITH CHECK (%2$s)', t,
    CASE WHEN updatable THEN watcher ELSE 'false' END);
  EXECUTE format('CREATE POLICY %1$s_delete ON %1$s FOR DELETE TO vitalis_app USING (false)', t);
END
$$;

-- A macro: RLS on, every command limited to the person's own rows in the current tenant.
CREATE OR REPLACE FUNCTION pg_temp.monitoring_own_rows(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  own text := 'tenant_id = (SELECT app_tenant_id()) AND user_id = (SELECT app_user_id())';
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %1$s_select ON %1$s FOR SELECT TO vitalis_app USING (%2$s)', t, own);
  EXECUTE format('CREATE POLICY %1$s_insert ON %1$s FOR INSERT TO vitalis_app WITH CHECK (%2$s)', t, own);
  EXECUTE format('CREATE POLICY %1$s_update ON %1$s FOR UPDATE TO vitalis_app USING (%2$s) WITH CHECK (%2$s)', t, own);
  EXECUTE format('CREATE POLICY %1$s_delete ON %1$s FOR DELETE TO vitalis_app USING (%2$s)', t, own);
END
$$;

-- Rules. Scope: one person (scope_user_id), one care team (scope_team_id names its clinician),
-- or, with neither, everyone in the tenant. Admins and clinicians set any; a person sets rules
-- for themselves. Everyone reads the rules that watch them; admins and clinicians read all
-- (the app narrows a clinician's list to their care team).
CREATE TABLE rules (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  metric           text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  -- As the contract takes it: {metric, operator, value | baseline, duration, maxGapMinutes}.
  condition        jsonb NOT NULL CHECK (jsonb_typeof(condition) = 'object' AND condition ->> 'metric' = metric),
  context          jsonb CHECK (jsonb_typeof(context) = 'object'),
  action_type      text NOT NULL CHECK (action_type IN ('alert', 'notification', 'doctor_ping')),
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  scope_user_id    uuid,
  scope_team_id    uuid,
  cooldown_minutes integer NOT NULL CHECK (cooldown_minutes BETWEEN 0 AND 10080),
  auto_resolve     boolean NOT NULL DEFAULT false,
  enabled          boolean NOT NULL DEFAULT true,
  -- Bumped by every edit: the engine does not carry an episode over to another revision.
  revision         integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  created_by       uuid NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT rules_one_scope CHECK (scope_user_id IS NULL OR scope_team_id IS NULL),
  FOREIGN KEY (tenant_id, scope_user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, scope_team_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX rules_tenant_idx ON rules (tenant_id, created_at);
CREATE INDEX rules_person_idx ON rules (tenant_id, scope_user_id) WHERE scope_user_id IS NOT NULL;
CREATE INDEX rules_team_idx ON rules (tenant_id, scope_team_id) WHERE scope_team_id IS NOT NULL;
ALTER TABLE rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE rules FORCE ROW LEVEL SECURITY;
CREATE POLICY rules_select ON rules FOR SELECT TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (
    (SELECT app_role()) IN ('admin', 'clinician')
    OR (scope_user_id IS NULL AND scope_team_id IS NULL)
    OR scope_user_id = (SELECT app_user_id())
    OR EXISTS (SELECT 1 FROM care_team c WHERE c.tenant_id = rules.tenant_id AND c.clinician_id = rules.scope_team_id
               AND c.member_id = (SELECT app_user_id()))));
CREATE POLICY rules_insert ON rules FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (
    (SELECT app_role()) IN ('admin', 'clinician') OR (scope_user_id = (SELECT app_user_id()) AND created_by = (SELECT app_user_id()))));
CREATE POLICY rules_update ON rules FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (
    (SELECT app_role()) IN ('admin', 'clinician') OR (scope_user_id = (SELECT app_user_id()) AND created_by = (SELECT app_user_id()))))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (
    (SELECT app_role()) IN ('admin', 'clinician') OR (scope_user_id = (SELECT app_user_id()) AND created_by = (SELECT app_user_id()))));
CREATE POLICY rules_delete ON rules FOR DELETE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (
    (SELECT app_role()) IN ('admin', 'clinician') OR (scope_user_id = (SELECT app_user_id()) AND created_by = (SELECT app_user_id()))));
GRANT SELECT, INSERT, DELETE,
  UPDATE (name, metric, condition, context, action_type, severity, scope_user_id, scope_team_id, cooldown_minutes, auto_resolve, enabled, revision, updated_at)
  ON rules TO vitalis_app;

-- Where a person's rule streams left off, per metric: the engine's snapshot (plain JSON), and
-- the baseline its relative thresholds were computed from, with the day it was computed.
CREATE TABLE rule_states (
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric           text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  snapshot         jsonb NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
  baseline         jsonb CHECK (jsonb_typeof(baseline) = 'object'),
  baseline_date    date,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id, metric)
);
SELECT pg_temp.monitoring_own_rows('rule_states');
GRANT SELECT, INSERT, UPDATE (snapshot, baseline, baseline_date, updated_at) ON rule_states TO vitalis_app;

-- What a rule found: one row per episode (alert_key = rule:person:episode start, so a job run
-- twice stores it once), with the readings that fired it. opened_at is the firing reading's
-- time; historical alerts (a backfill of old readings) were recorded without notifying anyone.
-- The rule may since have changed or gone: its name and action are kept as they were.
CREATE TABLE alerts (
  id               uuid PRIMARY KEY,
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  rule_id          uuid NOT NULL,
  rule_name        text NOT NULL CHECK (length(rule_name) BETWEEN 1 AND 200),
  action_type      text NOT NULL CHECK (action_type IN ('alert', 'notification', 'doctor_ping')),
  alert_key        text NOT NULL CHECK (length(alert_key) BETWEEN 1 AND 300),
  metric           text NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  state            text NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  historical       boolean NOT NULL DEFAULT false,
  opened_at        timestamptz NOT NULL,
  -- {from, to, sampleCount, samples: [{t, value}]}, times in epoch ms.
  evidence         jsonb NOT NULL CHECK (jsonb_typeof(evidence) = 'object'),
  evidence_from    timestamptz NOT NULL,
  evidence_to      timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  acknowledged_by  uuid,
  resolved_at      timestamptz,
  resolved_by      uuid,
  -- manual, condition_cleared (auto-resolved), historical.
  resolution       text CHECK (resolution IN ('manual', 'condition_cleared', 'historical')),
  -- When and why the episode ended, whether or not that resolved the alert.
  cleared_at       timestamptz,
  clear_reason     text CHECK (clear_reason IN ('condition_cleared', 'data_gap')),
  recorded_at      timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT alerts_key UNIQUE (tenant_id, alert_key),
  CONSTRAINT alerts_resolved_when CHECK ((state = 'resolved') = (resolved_at IS NOT NULL AND resolution IS NOT NULL)),
  CONSTRAINT alerts_evidence_span CHECK (evidence_to >= evidence_from)
);
CREATE INDEX alerts_tenant_idx ON alerts (tenant_id, id DESC);
CREATE INDEX alerts_person_idx ON alerts (tenant_id, user_id, id DESC);
-- Late readings check for an alert of the same rule and person near the episode they found.
CREATE INDEX alerts_rule_person_idx ON alerts (tenant_id, rule_id, user_id, evidence_to);
-- Written by the evaluation job acting as the person they are about; acknowledged and resolved by any watcher.
SELECT pg_temp.watched_person('alerts', 'own', true);
GRANT SELECT, INSERT,
  UPDATE (state, acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution, cleared_at, clear_reason, updated_at)
  ON alerts TO vitalis_app;

CREATE TABLE alert_comments (
  id         uuid PRIMARY KEY,
  tenant_id  uuid NOT NULL,
  -- The person the alert is about (what the policies check), and the alert.
  user_id    uuid NOT NULL,
  alert_id   uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  author_id  uuid NOT NULL,
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL
);
CREATE INDEX alert_comments_alert_idx ON alert_comments (alert_id, created_at);
SELECT pg_temp.watched_person('alert_comments', 'author', false);
GRANT SELECT, INSERT ON alert_comments TO vitalis_app;

-- The live event log behind GET /api/v1/stream: per tenant, seq counts up with no gaps in
-- commit order (live_event_counters' row is locked until the appending transaction commits),
-- so a client resuming after seq N misses nothing it may see. Each event is about one person
-- and visible to whoever watches them. Old events are pruned by the system.
CREATE TABLE live_events (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq        bigint NOT NULL CHECK (seq > 0),
  user_id    uuid NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('alert.opened', 'alert.updated', 'data.ingested')),
  payload    jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX live_events_age_idx ON live_events (created_at);
SELECT pg_temp.watched_person('live_events', 'watcher', false);
GRANT SELECT, INSERT ON live_events TO vitalis_app;

CREATE TABLE live_event_counters (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_seq  bigint NOT NULL CHECK (last_seq >= 0)
);
ALTER TABLE live_event_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE live_event_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY live_event_counters_select ON live_event_counters FOR SELECT TO vitalis_app USING (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY live_event_counters_insert ON live_event_counters FOR INSERT TO vitalis_app WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY live_event_counters_update ON live_event_counters FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id())) WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY live_event_counters_delete ON live_event_counters FOR DELETE TO vitalis_app USING (false);
GRANT SELECT, INSERT, UPDATE (last_seq) ON live_event_counters TO vitalis_app;

-- A person's in-app inbox: one row per notification they were sent.
CREATE TABLE notifications (
  id         uuid PRIMARY KEY,
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  alert_id   uuid REFERENCES alerts (id) ON DELETE CASCADE,
  severity   text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body       text NOT NULL CHECK (length(body) <= 4000),
  created_at timestamptz NOT NULL,
  read_at    timestamptz,
  -- One notification per alert and recipient, however often the fan-out runs.
  CONSTRAINT notifications_once UNIQUE (tenant_id, user_id, alert_id)
);
CREATE INDEX notifications_inbox_idx ON notifications (tenant_id, user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (tenant_id, user_id) WHERE read_at IS NULL;
SELECT pg_temp.monitoring_own_rows('notifications');
GRANT SELECT, INSERT, UPDATE (read_at) ON notifications TO vitalis_app;

-- How a person wants to hear about alerts in one tenant: severities per channel, quiet hours
-- (local times in their time zone), whether critical alerts break through them, the daily
-- summary's local time.
CREATE TABLE notification_preferences (
  tenant_id                   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id                     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  in_app_severities           text[] NOT NULL CHECK (in_app_severities <@ ARRAY['low', 'medium', 'high', 'critical']),
  email_severities            text[] NOT NULL CHECK (email_severities <@ ARRAY['low', 'medium', 'high', 'critical']),
  quiet_from                  text CHECK (quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_to                    text CHECK (quiet_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  critical_breaks_quiet_hours boolean NOT NULL DEFAULT false,
  daily_summary_at            text CHECK (daily_summary_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at                  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT notification_preferences_quiet_pair CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);
SELECT pg_temp.monitoring_own_rows('notification_preferences');
GRANT SELECT, INSERT,
  UPDATE (in_app_severities, email_severities, quiet_from, quiet_to, critical_breaks_quiet_hours, daily_summary_at, updated_at)
  ON notification_preferences TO vitalis_app;

-- A tenant's alert policy, readable by everyone in it (notifications honour it), set by admins.
CREATE TABLE alert_policies (
  tenant_id                   uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  -- Critical alerts reach people in their quiet hours, whatever their own preference.
  critical_breaks_quiet_hours boolean NOT NULL DEFAULT false,
  updated_at                  timestamptz NOT NULL
);
ALTER TABLE alert_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_policies_select ON alert_policies FOR SELECT TO vitalis_app USING (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY alert_policies_insert ON alert_policies FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_policies_update ON alert_policies FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin')
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_policies_delete ON alert_policies FOR DELETE TO vitalis_app USING (false);
GRANT SELECT, INSERT, UPDATE (critical_breaks_quiet_hours, updated_at) ON alert_policies TO vitalis_app;

-- The tenant's outgoing webhook: where live alerts are POSTed, signed with HMAC-SHA256 under
-- a secret sealed by the key ring (AAD bound to tenant and table). Admins only; deliveries
-- read it as the system.
CREATE TABLE alert_webhooks (
  tenant_id     uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  url           text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
  secret_sealed text NOT NULL CHECK (length(secret_sealed) BETWEEN 1 AND 1000),
  min_severity  text NOT NULL CHECK (min_severity IN ('low', 'medium', 'high', 'critical')),
  enabled       boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
ALTER TABLE alert_webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_webhooks FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_webhooks_select ON alert_webhooks FOR SELECT TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_webhooks_insert ON alert_webhooks FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_webhooks_update ON alert_webhooks FOR UPDATE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin')
  WITH CHECK (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY alert_webhooks_delete ON alert_webhooks FOR DELETE TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
GRANT SELECT, INSERT, DELETE, UPDATE (url, secret_sealed, min_severity, enabled, updated_at) ON alert_webhooks TO vitalis_app;

-- Every webhook delivery and how its tries went: written by the delivering system job, read
-- by the tenant's admins. The payload holds no readings (only the evidence window and count).
CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  alert_id        uuid REFERENCES alerts (id) ON DELETE SET NULL,
  event           text NOT NULL CHECK (event IN ('alert.opened')),
  url             text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
  payload         text NOT NULL CHECK (length(payload) <= 20000),
  state           text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  response_status integer,
  last_error      text CHECK (length(last_error) <= 500),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  CONSTRAINT webhook_deliveries_once UNIQUE (tenant_id, alert_id, event),
  CONSTRAINT webhook_deliveries_delivered_when CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_tenant_idx ON webhook_deliveries (tenant_id, id DESC);
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_select ON webhook_deliveries FOR SELECT TO vitalis_app
  USING (tenant_id = (SELECT app_tenant_id()) AND (SELECT app_role()) = 'admin');
CREATE POLICY webhook_deliveries_insert ON webhook_deliveries FOR INSERT TO vitalis_app WITH CHECK (false);
CREATE POLICY webhook_deliveries_update ON webhook_deliveries FOR UPDATE TO vitalis_app USING (false) WITH CHECK (false);
CREATE POLICY webhook_deliveries_delete ON webhook_deliveries FOR DELETE TO vitalis_app USING (false);
GRANT SELECT ON webhook_deliveries TO vitalis_app;
