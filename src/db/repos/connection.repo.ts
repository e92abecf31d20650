import type { ConnectionRecord, ConnectionRef, ConnectionRepo } from '../../app/connections/connection-ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

const COLUMNS = `id, tenant_id as "tenantId", user_id as "userId", vendor, status, vendor_user_id as "vendorUserId",
  sealed_tokens as "sealedTokens", token_expires_at as "tokenExpiresAt", settings, last_sync_at as "lastSyncAt",
  last_error as "lastError", created_at as "createdAt"`;

type Row = Omit<ConnectionRecord, 'tokenExpiresAt' | 'lastSyncAt' | 'createdAt'> & { tokenExpiresAt: unknown; lastSyncAt: unknown; createdAt: unknown };

const toRecord = (row: Row): ConnectionRecord => ({
  ...row,
  tokenExpiresAt: isoOrNull(row.tokenExpiresAt),
  lastSyncAt: isoOrNull(row.lastSyncAt),
  createdAt: iso(row.createdAt),
});

const REF = `id, tenant_id as "tenantId", user_id as "userId", vendor`;

export const connectionRepo: ConnectionRepo = {
  async get(sql, id) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from connections where id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  },

  async byVendor(sql, person, vendor) {
    const [row] = await sql.query<Row>(`select ${COLUMNS} from connections where tenant_id = $1 and user_id = $2 and vendor = $3`, [
      person.tenantId,
      person.userId,
      vendor,
    ]);
    return row ? toRecord(row) : undefined;
  },

  async list(sql, person) {
    const rows = await sql.query<Row>(`select ${COLUMNS} from connections where tenant_id = $1 and user_id = $2 order by created_at, id`, [
      person.tenantId,
      person.userId,
    ]);
    return rows.map(toRecord);
  },

  async insert(sql, person, c, at) {
    const rows = await sql.query(
      `insert into connections (id, tenant_id, user_id, vendor, status, vendor_user_id, sealed_tokens, token_expires_at, settings, created_at, updated_at)
       values ($1, $2, $3, $4, 'connected', $5, $6, $7, $8::jsonb, $9, $9)
       on conflict (tenant_id, user_id, vendor) do nothing
       returning id`,
      [c.id, person.tenantId, person.userId, c.vendor, c.vendorUserId, c.sealedTokens, c.tokenExpiresAt, JSON.stringify(c.settings), at],
    );
    return rows.length === 1;
  },

  async storeTokens(sql, id, tokens, at) {
    await sql.query(
      `update connections set sealed_tokens = $2, token_expires_at = $3, vendor_user_id = coalesce($4, vendor_user_id),
         refresh_lease_until = null, updated_at = $5
       where id = $1`,
      [id, tokens.sealedTokens, tokens.tokenExpiresAt, tokens.vendorUserId ?? null, at],
    );
  },

  async markConnected(sql, id, at, synced) {
    await sql.query(
      `update connections set status = 'connected', last_error = null, last_sync_at = case when $3 then $2 else last_sync_at end, updated_at = $2
       where id = $1`,
      [id, at, synced],
    );
  },

  async setStatus(sql, id, status, error, at) {
    const [row] = await sql.query<{ changed: boolean }>(
      `with before as (select status from connections where id = $1 for update)
       update connections c set status = $2, last_error = $3, updated_at = $4 from before
       where c.id = $1
       returning before.status <> $2 as changed`,
      [id, status, error, at],
    );
    return row?.changed === true;
  },

  async claimRefresh(sql, id, now, until) {
    const rows = await sql.query(
      `update connections set refresh_lease_until = $3
       where id = $1 and (refresh_lease_until is null or refresh_lease_until < $2)
       returning id`,
      [id, now, until],
    );
    return rows.length === 1;
  },

  async releaseRefresh(sql, id) {
    await sql.query('update connections set refresh_lease_until = null where id = $1', [id]);
  },

  async delete(sql, id) {
    return (await sql.query('delete from connections where id = $1 returning id', [id])).length === 1;
  },

  async ownerContact(sql, id) {
    const [row] = await sql.query<{ email: string; name: string }>(
      'select u.email, u.name from connections c join users u on u.id = c.user_id where c.id = $1',
      [id],
    );
    return row;
  },

  async byVendorAccount(sql, vendor, vendorUserId) {
    return sql.query<ConnectionRef>(`select ${REF} from connections where vendor = $1 and vendor_user_id = $2 order by id`, [vendor, vendorUserId]);
  },

  async page(sql, afterId, limit) {
    return sql.query<ConnectionRef>(`select ${REF} from connections where ($1::uuid is null or id > $1) order by id limit $2`, [afterId ?? null, limit]);
  },
};
