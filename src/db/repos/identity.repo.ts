import type { EmailTokenRow, IdentityRepo, SessionRow, UserAccount } from '../../app/identity/identity-repo.ts';

const ACCOUNT = `select u.id, u.email, u.name, u.email_verified_at as "emailVerifiedAt", u.personal_tenant_id as "personalTenantId",
  c.password_hash as "passwordHash", c.mfa_secret as "mfaSecret", c.mfa_pending_secret as "mfaPendingSecret",
  c.mfa_enabled_at as "mfaEnabledAt", c.mfa_last_step::float8 as "mfaLastStep"
  from users u join credentials c on c.user_id = u.id`;

const SESSION = `select id, user_id as "userId", family_id as "familyId", expires_at as "expiresAt",
  rotated_at as "rotatedAt", revoked_at as "revokedAt" from sessions`;

export const identityRepo: IdentityRepo = {
  async accountByEmail(sql, email) {
    return (await sql.query<UserAccount>(`${ACCOUNT} where u.email = $1`, [email.toLowerCase()]))[0];
  },
  async accountById(sql, userId) {
    return (await sql.query<UserAccount>(`${ACCOUNT} where u.id = $1`, [userId]))[0];
  },
  async insertUser(sql, u) {
    await sql.query('insert into users (id, email, name, personal_tenant_id) values ($1, $2, $3, $4)', [u.id, u.email, u.name, u.personalTenantId]);
  },
  async insertCredentials(sql, userId, passwordHash) {
    await sql.query('insert into credentials (user_id, password_hash) values ($1, $2)', [userId, passwordHash]);
  },
  async setPassword(sql, userId, passwordHash, at) {
    await sql.query('update credentials set password_hash = $2, password_changed_at = $3 where user_id = $1', [userId, passwordHash, at]);
  },
  async markEmailVerified(sql, userId, at) {
    await sql.query('update users set email_verified_at = coalesce(email_verified_at, $2) where id = $1', [userId, at]);
  },
  async changeEmail(sql, userId, email, at) {
    await sql.query('update users set email = $2, email_verified_at = $3 where id = $1', [userId, email, at]);
  },
  async setMfa(sql, userId, fields) {
    const columns: Array<[string, unknown]> = [];
    if (fields.secret !== undefined) columns.push(['mfa_secret', fields.secret]);
    if (fields.pendingSecret !== undefined) columns.push(['mfa_pending_secret', fields.pendingSecret]);
    if (fields.enabledAt !== undefined) columns.push(['mfa_enabled_at', fields.enabledAt]);
    if (fields.lastStep !== undefined) columns.push(['mfa_last_step', fields.lastStep]);
    if (columns.length === 0) return;
    const assignments = columns.map(([column], i) => `${column} = $${i + 2}`).join(', ');
    await sql.query(`update credentials set ${assignments} where user_id = $1`, [userId, ...columns.map(([, v]) => v)]);
  },

  async insertSession(sql, s) {
    await sql.query(
      `insert into sessions (id, user_id, family_id, token_hash, created_at, expires_at, user_agent, ip)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.id, s.userId, s.familyId, s.tokenHash, s.createdAt, s.expiresAt, s.userAgent ?? null, s.ip ?? null],
    );
  },
  async sessionByTokenHash(sql, tokenHash) {
    return (await sql.query<SessionRow>(`${SESSION} where token_hash = $1`, [tokenHash]))[0];
  },
  async markRotated(sql, sessionId, at) {
    const rows = await sql.query('update sessions set rotated_at = $2 where id = $1 and rotated_at is null returning id', [sessionId, at]);
    return rows.length === 1;
  },
  async revokeFamily(sql, familyId, reason, at) {
    await sql.query('update sessions set revoked_at = $3, revoked_reason = $2 where family_id = $1 and revoked_at is null', [familyId, reason, at]);
  },
  async revokeAllOfUser(sql, userId, reason, at, keepFamilyId) {
    const rows = await sql.query<{ familyId: string }>(
      `update sessions set revoked_at = $3, revoked_reason = $2
       where user_id = $1 and revoked_at is null and family_id is distinct from $4
       returning family_id as "familyId"`,
      [userId, reason, at, keepFamilyId ?? null],
    );
    return new Set(rows.map((r) => r.familyId)).size;
  },
  async familyIsLive(sql, familyId, userId, at) {
    const rows = await sql.query(
      'select 1 from sessions where family_id = $1 and user_id = $2 and revoked_at is null and expires_at > $3 limit 1',
      [familyId, userId, at],
    );
    return rows.length > 0;
  },

  async insertEmailToken(sql, t) {
    await sql.query(
      `insert into email_tokens (id, user_id, purpose, token_hash, new_email, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [t.id, t.userId, t.purpose, t.tokenHash, t.newEmail ?? null, t.createdAt, t.expiresAt],
    );
  },
  async emailTokenByHash(sql, tokenHash) {
    return (
      await sql.query<EmailTokenRow>(
        `select id, user_id as "userId", purpose, new_email as "newEmail", expires_at as "expiresAt", used_at as "usedAt"
         from email_tokens where token_hash = $1`,
        [tokenHash],
      )
    )[0];
  },
  async useEmailToken(sql, id, at) {
    return (await sql.query('update email_tokens set used_at = $2 where id = $1 and used_at is null returning id', [id, at])).length === 1;
  },

  async liveApiKeyByPrefix(sql, prefix) {
    const rows = await sql.query<{ id: string; tenantId: string; createdBy: string | null; keyHash: string; permissions: string[] }>(
      `select id, tenant_id as "tenantId", created_by as "createdBy", key_hash as "keyHash", permissions
       from api_keys where prefix = $1 and revoked_at is null`,
      [prefix],
    );
    return rows[0];
  },
  async markApiKeyUsed(sql, keyId, at) {
    await sql.query('update api_keys set last_used_at = $2 where id = $1', [keyId, at]);
  },

  async replaceRecoveryCodes(sql, userId, codeHashes) {
    await sql.query('delete from recovery_codes where user_id = $1', [userId]);
    await sql.query('insert into recovery_codes (user_id, code_hash) select $1, unnest($2::text[])', [userId, codeHashes]);
  },
  async useRecoveryCode(sql, userId, codeHash, at) {
    const rows = await sql.query(
      'update recovery_codes set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null returning code_hash',
      [userId, codeHash, at],
    );
    return rows.length === 1;
  },
};
