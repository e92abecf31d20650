import { tokensAad } from '../../app/connections/connection-tokens.ts';
import { mfaSecretAad } from '../../app/identity/sign-in.ts';
import type { SealedSet } from '../../app/keys/rotate-keys.ts';

/** Vendor tokens of connections (0008); position: the connection id. */
const connectionTokens: SealedSet = {
  name: 'connection tokens',
  async page(sql, after, limit) {
    const rows = await sql.query<{ id: string; tenantId: string; sealed: string }>(
      `select id, tenant_id as "tenantId", sealed_tokens as sealed from connections
       where sealed_tokens is not null and ($1::uuid is null or id > $1) order by id limit $2`,
      [after ?? null, limit],
    );
    return rows.map((row) => ({ position: row.id, sealed: row.sealed, aad: tokensAad(row.tenantId, row.id) }));
  },
  async replace(sql, item, resealed) {
    const rows = await sql.query('update connections set sealed_tokens = $3 where id = $1 and sealed_tokens = $2 returning id', [item.position, item.sealed, resealed]);
    return rows.length === 1;
  },
};

/** TOTP secrets, confirmed and pending (0004); position: `<user id>:<column>`. */
const MFA_COLUMNS = ['mfa_secret', 'mfa_pending_secret'] as const;
const mfaSecrets: SealedSet = {
  name: 'TOTP secrets',
  async page(sql, after, limit) {
    const rows = await sql.query<{ userId: string; kind: string; sealed: string }>(
      `select user_id as "userId", s.kind, s.sealed from credentials
       cross join lateral (values ('mfa_secret', mfa_secret), ('mfa_pending_secret', mfa_pending_secret)) as s(kind, sealed)
       where s.sealed is not null and ($1::text is null or (user_id::text || ':' || s.kind) > $1)
       order by user_id::text || ':' || s.kind limit $2`,
      [after ?? null, limit],
    );
    return rows.map((row) => ({ position: `${row.userId}:${row.kind}`, sealed: row.sealed, aad: mfaSecretAad(row.userId) }));
  },
  async replace(sql, item, resealed) {
    const [userId, column] = item.position.split(':') as [string, (typeof MFA_COLUMNS)[number]];
    if (!MFA_COLUMNS.includes(column)) throw new Error(`not a sealed credentials column: ${column}`);
    const rows = await sql.query(`update credentials set ${column} = $3 where user_id = $1 and ${column} = $2 returning user_id`, [userId, item.sealed, resealed]);
    return rows.length === 1;
  },
};

/** Every column of secrets sealed with the key ring that `vitalis keys rotate` re-seals. */
export const sealedSets: readonly SealedSet[] = [connectionTokens, mfaSecrets];
