-- Mail of the embedded run mode (src/adapters/mail/outbox-mailer.ts): kept here instead of
-- sent, and read back with `vitalis outbox`. Only the system touches it (withSystem), so the
-- app role is granted nothing and every policy refuses. tenant_id, when the mail belongs to a
-- tenant, makes the tenant's deletion take its mail along.

CREATE TABLE outbox (
  id           uuid PRIMARY KEY,
  tenant_id    uuid REFERENCES tenants (id) ON DELETE CASCADE,
  from_address text NOT NULL CHECK (length(from_address) BETWEEN 3 AND 998),
  to_address   text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 998),
  text_body    text NOT NULL,
  html_body    text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_created_idx ON outbox (created_at DESC, id DESC);
CREATE INDEX outbox_to_idx ON outbox (lower(to_address), created_at DESC, id DESC);
CREATE INDEX outbox_tenant_idx ON outbox (tenant_id);

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_select ON outbox FOR SELECT TO vitalis_app USING (false);
CREATE POLICY outbox_insert ON outbox FOR INSERT TO vitalis_app WITH CHECK (false);
CREATE POLICY outbox_update ON outbox FOR UPDATE TO vitalis_app USING (false) WITH CHECK (false);
CREATE POLICY outbox_delete ON outbox FOR DELETE TO vitalis_app USING (false);
