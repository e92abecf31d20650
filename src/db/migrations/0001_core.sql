-- Core of tenancy: tenants, global users, memberships, care teams and the audit log.
-- Runs as the owner. The app role (vitalis_app) gets only what each policy below allows.

DO $$
BEGIN
  CREATE ROLE vitalis_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- roles are cluster-wide: another database of this cluster made it already
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT vitalis_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL; -- a superuser may switch to any role without membership
END
$$;

GRANT USAGE ON SCHEMA public TO vitalis_app;

-- The three settings every policy reads; empty when withTenant has not set them.
CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.role', true), '') $$;

CREATE TABLE tenants (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type          text NOT NULL CHECK (type IN ('personal', 'team', 'white_label')),
  branding      jsonb NOT NULL DEFAULT '{}'::jsonb,
  feature_flags jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenants_select ON tenants FOR SELECT TO vitalis_app USING (id = app_tenant_id());
CREATE POLICY tenants_insert ON tenants FOR INSERT TO vitalis_app WITH CHECK (false);
CREATE POLICY tenants_update ON tenants FOR UPDATE TO vitalis_app
  USING (id = app_tenant_id() AND app_role() = 'admin') WITH CHECK (id = app_tenant_id());
CREATE POLICY tenants_delete ON tenants FOR DELETE TO vitalis_app USING (false);
-- Admins rename and brand their tenant; slug, type and feature flags are the operator's.
GRANT SELECT, UPDATE (name, branding) ON tenants TO vitalis_app;

CREATE TABLE users (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email      text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE memberships (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('member', 'clinician', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_select ON memberships FOR SELECT TO vitalis_app USING (tenant_id = app_tenant_id());
-- Nobody joins a tenant by someone else's say-so alone: memberships are created by system use
-- cases (tenant creation, an accepted invitation), never inserted by tenant code.
CREATE POLICY memberships_insert ON memberships FOR INSERT TO vitalis_app WITH CHECK (false);
CREATE POLICY memberships_update ON memberships FOR UPDATE TO vitalis_app
  USING (tenant_id = app_tenant_id() AND app_role() = 'admin') WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY memberships_delete ON memberships FOR DELETE TO vitalis_app
  USING (tenant_id = app_tenant_id() AND app_role() = 'admin');
GRANT SELECT, UPDATE, DELETE ON memberships TO vitalis_app;

-- Users are global identities: visible to themselves and to people sharing the current tenant.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_select ON users FOR SELECT TO vitalis_app
  USING (id = app_user_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
CREATE POLICY users_insert ON users FOR INSERT TO vitalis_app WITH CHECK (false);
CREATE POLICY users_update ON users FOR UPDATE TO vitalis_app USING (id = app_user_id()) WITH CHECK (id = app_user_id());
CREATE POLICY users_delete ON users FOR DELETE TO vitalis_app USING (false);
GRANT SELECT, UPDATE ON users TO vitalis_app;

CREATE TABLE care_team (
  tenant_id    uuid NOT NULL,
  clinician_id uuid NOT NULL,
  member_id    uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, clinician_id, member_id),
  FOREIGN KEY (tenant_id, clinician_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, member_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX care_team_member_idx ON care_team (tenant_id, member_id);
ALTER TABLE care_team ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_team FORCE ROW LEVEL SECURITY;
CREATE POLICY care_team_select ON care_team FOR SELECT TO vitalis_app USING (tenant_id = app_tenant_id());
CREATE POLICY care_team_insert ON care_team FOR INSERT TO vitalis_app
  WITH CHECK (tenant_id = app_tenant_id() AND app_role() = 'admin');
CREATE POLICY care_team_update ON care_team FOR UPDATE TO vitalis_app
  USING (tenant_id = app_tenant_id() AND app_role() = 'admin') WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY care_team_delete ON care_team FOR DELETE TO vitalis_app
  USING (tenant_id = app_tenant_id() AND app_role() = 'admin');
GRANT SELECT, INSERT, UPDATE, DELETE ON care_team TO vitalis_app;

-- Append-only and hash-chained per tenant: hash = sha256(prev_hash || canonical entry).
CREATE TABLE audit_log (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq           bigint NOT NULL CHECK (seq > 0),
  id            uuid NOT NULL UNIQUE,
  at            timestamptz NOT NULL,
  actor_user_id uuid,
  action        text NOT NULL,
  target_type   text,
  target_id     text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_select ON audit_log FOR SELECT TO vitalis_app USING (tenant_id = app_tenant_id());
CREATE POLICY audit_log_insert ON audit_log FOR INSERT TO vitalis_app WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY audit_log_update ON audit_log FOR UPDATE TO vitalis_app USING (false);
CREATE POLICY audit_log_delete ON audit_log FOR DELETE TO vitalis_app USING (false);
GRANT SELECT, INSERT ON audit_log TO vitalis_app;

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
