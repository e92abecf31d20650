-- Identity: credentials, sessions (refresh-token families), one-time email tokens, MFA recovery
-- codes, invitations and API keys. Everything secret lives in tables the app role cannot reach:
-- authentication runs before any tenant is known, through audited system transactions.

ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
ALTER TABLE users ADD COLUMN personal_tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL;

ALTER TABLE tenants ADD COLUMN require_mfa boolean NOT NULL DEFAULT false;
GRANT UPDATE (require_mfa) ON tenants TO vitalis_app;

-- A macro for the tables only withSystem touches: RLS on, every command refused, no grants.
CREATE FUNCTION pg_temp.system_only(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %s_select ON %s FOR SELECT TO vitalis_app USING (false)', t, t);
  EXECUTE format('CREATE POLICY %s_insert ON %s FOR INSERT TO vitalis_app WITH CHECK (false)', t, t);
  EXECUTE format('CREATE POLICY %s_update ON %s FOR UPDATE TO vitalis_app USING (false) WITH CHECK (false)', t, t);
  EXECUTE format('CREATE POLICY %s_delete ON %s FOR DELETE TO vitalis_app USING (false)', t, t);
END
$$;

CREATE TABLE credentials (
  user_id             uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- AES-256-GCM through the key ring, bound to this table and user (never plaintext).
  mfa_secret          text,
  mfa_pending_secret  text,
  mfa_enabled_at      timestamptz,
  -- The last TOTP time step accepted: a code is accepted once.
  mfa_last_step       bigint
);
SELECT pg_temp.system_only('credentials');

CREATE TABLE sessions (
  id             uuid PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- One sign-in; every refresh adds a row to the family and marks the one it replaced.
  family_id      uuid NOT NULL,
  token_hash     text NOT NULL UNIQUE,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  rotated_at     timestamptz,
  revoked_at     timestamptz,
  revoked_reason text,
  user_agent     text,
  ip             text
);
CREATE INDEX sessions_family_idx ON sessions (family_id);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;
SELECT pg_temp.system_only('sessions');

CREATE TABLE email_tokens (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
  token_hash text NOT NULL UNIQUE,
  new_email  text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);
SELECT pg_temp.system_only('email_tokens');

CREATE TABLE recovery_codes (
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at   timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
SELECT pg_temp.system_only('recovery_codes');

-- A macro for tenant tables only the tenant's admins see, create and update; nobody deletes.
CREATE FUNCTION pg_temp.admin_managed(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %s_select ON %s FOR SELECT TO vitalis_app USING (tenant_id = app_tenant_id() AND app_role() = ''admin'')', t, t);
  EXECUTE format('CREATE POLICY %s_insert ON %s FOR INSERT TO vitalis_app WITH CHECK (tenant_id = app_tenant_id() AND app_role() = ''admin'')', t, t);
  EXECUTE format('CREATE POLICY %s_update ON %s FOR UPDATE TO vitalis_app USING (tenant_id = app_tenant_id() AND app_role() = ''admin'') WITH CHECK (tenant_id = app_tenant_id())', t, t);
  EXECUTE format('CREATE POLICY %s_delete ON %s FOR DELETE TO vitalis_app USING (false)', t, t);
END
$$;

-- Admins of a tenant see and manage its invitations; accepting one is a system use case
-- (the invitee is not in the tenant yet).
CREATE TABLE invitations (
  id          uuid PRIMARY KEY,
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email       text NOT NULL CHECK (email = lower(email)),
  role        text NOT NULL CHECK (role IN ('member', 'clinician', 'admin')),
  token_hash  text NOT NULL UNIQUE,
  invited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX invitations_tenant_idx ON invitations (tenant_id, created_at DESC);
SELECT pg_temp.admin_managed('invitations');
GRANT SELECT, INSERT, UPDATE (revoked_at) ON invitations TO vitalis_app;

-- Keys for machine clients: shown once, stored as a hash, scoped to one tenant and a set of
-- permissions. Looked up by their public prefix when they authenticate (a system read).
CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL UNIQUE,
  key_hash     text NOT NULL,
  permissions  text[] NOT NULL,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at DESC);
SELECT pg_temp.admin_managed('api_keys');
GRANT SELECT (id, tenant_id, name, prefix, permissions, created_by, created_at, last_used_at, revoked_at),
  INSERT, UPDATE (revoked_at) ON api_keys TO vitalis_app;
