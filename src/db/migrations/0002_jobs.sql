-- Durable job queue of the embedded run mode (src/adapters/queue/embedded-queue.ts).
-- Infrastructure, not tenant data: the runner reads and writes it as the owner, outside
-- withTenant, so it has no tenant_id column (the tenant is in the payload) and the app role
-- is granted nothing on it.

CREATE TABLE jobs (
  -- The caller's jobId when given (deduplication), otherwise a UUIDv7.
  id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 400),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- coalesce: a missing tenantId makes the test NULL, which a CHECK would let through.
  payload      jsonb NOT NULL
               CHECK (coalesce(jsonb_typeof(payload -> 'tenantId') = 'string' AND payload ->> 'tenantId' <> '', false)),
  state        text NOT NULL CHECK (state IN ('pending', 'running', 'completed', 'dead')),
  -- Tries started so far; the claim increments it, so a try cut short by a crash counts.
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  backoff_ms   integer NOT NULL CHECK (backoff_ms >= 0),
  -- A pending job is due from run_at on (delay, retry backoff).
  run_at       timestamptz NOT NULL,
  -- Set while running: which runner holds the job and until when, unless it renews the lease.
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  CHECK ((state = 'running') = (locked_by IS NOT NULL AND locked_until IS NOT NULL)),
  CHECK ((state IN ('completed', 'dead')) = (finished_at IS NOT NULL))
);

CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE state = 'pending';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_finished_idx ON jobs (state, finished_at) WHERE state IN ('completed', 'dead');

REVOKE ALL ON jobs FROM PUBLIC;
