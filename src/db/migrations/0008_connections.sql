-- Live connections (issue 5): the wearable accounts a person linked (Oura, WHOOP) and the
-- built-in simulator, and the sync runs that bring their data in.
--
-- A connection is the person's own: only they see it, start its syncs or remove it, in the
-- tenant that holds it. Webhooks name a vendor account, not a tenant: finding the connections
-- of an account is a system read (src/app/connections/receive-webhook.ts).

-- A macro: RLS on, and every command limited to the person's own rows in the current tenant.
CREATE OR REPLACE FUNCTION pg_temp.own_rows_only(t regclass) RETURNS void LANGUAGE plpgsql AS $$
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

CREATE TABLE connections (
  id                  uuid PRIMARY KEY,
  tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The vendor's id, which is also the `source` of the samples it brings.
  vendor              text NOT NULL CHECK (vendor ~ '^[a-z][a-z0-9_]{0,39}$'),
  status              text NOT NULL CHECK (status IN ('connected', 'needs_reauth', 'error')),
  -- The vendor's id of the person: webhooks name people by it.
  vendor_user_id      text CHECK (length(vendor_user_id) BETWEEN 1 AND 200),
  -- The OAuth tokens, AES-256-GCM through the key ring with the AAD bound to tenant, table and
  -- connection (never plaintext); null for the simulator.
  sealed_tokens       text CHECK (length(sealed_tokens) <= 20000),
  -- When the access token lapses, in the clear so refreshes can be planned without opening it.
  token_expires_at    timestamptz,
  -- Held by the worker refreshing the tokens: refresh tokens work once, so refreshes of one
  -- connection must never overlap. A lease, so a worker that dies releases it by lapsing.
  refresh_lease_until timestamptz,
  -- The simulator's profile (age, sex, fitness, weight, zone).
  settings            jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
  last_sync_at        timestamptz,
  -- The stable code of the last failure (never vendor text).
  last_error          text CHECK (length(last_error) <= 100),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CONSTRAINT connections_one_per_vendor UNIQUE (tenant_id, user_id, vendor),
  -- The target of connection_syncs' foreign key: a run belongs to its connection's person.
  CONSTRAINT connections_owner_key UNIQUE (tenant_id, user_id, id)
);
CREATE INDEX connections_vendor_account_idx ON connections (vendor, vendor_user_id) WHERE vendor_user_id IS NOT NULL;
SELECT pg_temp.own_rows_only('connections');
GRANT SELECT, INSERT, DELETE,
  UPDATE (status, vendor_user_id, sealed_tokens, token_expires_at, refresh_lease_until, settings, last_sync_at, last_error, updated_at)
  ON connections TO vitalis_app;

-- One sync of one resource of a connection over a window of time (a backfill, a scheduled
-- catch-up, a "sync now"). Each page is a job; the cursor after the last page stored is kept
-- here, so a run stopped half-way resumes where it stopped.
CREATE TABLE connection_syncs (
  id            uuid PRIMARY KEY,
  tenant_id     uuid NOT NULL,
  user_id       uuid NOT NULL,
  connection_id uuid NOT NULL,
  resource      text NOT NULL CHECK (length(resource) BETWEEN 1 AND 100),
  kind          text NOT NULL CHECK (kind IN ('backfill', 'scheduled', 'manual')),
  window_from   timestamptz NOT NULL,
  window_to     timestamptz NOT NULL,
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  -- The vendor's token for the next page (opaque, no credential).
  cursor        text CHECK (length(cursor) <= 4000),
  -- Given to every document of the run as its fetch time, so a page read again is the same batch.
  fetched_at    timestamptz NOT NULL,
  pages         integer NOT NULL DEFAULT 0 CHECK (pages >= 0),
  documents     integer NOT NULL DEFAULT 0 CHECK (documents >= 0),
  samples       integer NOT NULL DEFAULT 0 CHECK (samples >= 0),
  -- Documents that did not have the documented shape.
  skipped       integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  -- Waits after a rate limit or an outage so far.
  retries       integer NOT NULL DEFAULT 0 CHECK (retries >= 0),
  error         text CHECK (length(error) <= 100),
  created_at    timestamptz NOT NULL,
  started_at    timestamptz,
  finished_at   timestamptz,
  updated_at    timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, user_id, connection_id) REFERENCES connections (tenant_id, user_id, id) ON DELETE CASCADE,
  CONSTRAINT connection_syncs_window CHECK (window_to >= window_from),
  CONSTRAINT connection_syncs_finished_when CHECK ((state IN ('succeeded', 'failed')) = (finished_at IS NOT NULL)),
  CONSTRAINT connection_syncs_failed_why CHECK ((state = 'failed') = (error IS NOT NULL))
);
CREATE INDEX connection_syncs_history_idx ON connection_syncs (connection_id, resource, created_at DESC);
-- The start-up sweep resumes what is unfinished.
CREATE INDEX connection_syncs_unfinished_idx ON connection_syncs (created_at) WHERE state IN ('queued', 'running');
SELECT pg_temp.own_rows_only('connection_syncs');
GRANT SELECT, INSERT, DELETE,
  UPDATE (state, cursor, pages, documents, samples, skipped, retries, error, started_at, finished_at, updated_at)
  ON connection_syncs TO vitalis_app;
