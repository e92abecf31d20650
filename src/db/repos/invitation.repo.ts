import type { Invitation, InvitationRepo } from '../../app/ports.ts';
import { iso, isoOrNull } from './timestamps.ts';

const COLUMNS = `id, tenant_id as "tenantId", email, role, invited_by as "invitedBy", created_at as "createdAt",
  expires_at as "expiresAt", accepted_at as "acceptedAt", revoked_at as "revokedAt"`;

function toInvitation(row: Record<string, unknown>): Invitation {
  return {
    ...(row as unknown as Invitation),
    createdAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    acceptedAt: isoOrNull(row.acceptedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

export const invitationRepo: InvitationRepo = {
  async insert(sql, i) {
    const rows = await sql.query(
      `insert into invitations (id, tenant_id, email, role, token_hash, invited_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
      [i.id, i.tenantId, i.email, i.role, i.tokenHash, i.invitedBy, i.createdAt, i.expiresAt],
    );
    return toInvitation(rows[0]!);
  },
  async list(sql, tenantId) {
    const rows = await sql.query(`select ${COLUMNS} from invitations where tenant_id = $1 order by created_at desc, id desc`, [tenantId]);
    return rows.map(toInvitation);
  },
  async byId(sql, tenantId, id) {
    const rows = await sql.query(`select ${COLUMNS} from invitations where tenant_id = $1 and id = $2`, [tenantId, id]);
    return rows[0] && toInvitation(rows[0]);
  },
  async byTokenHash(sql, tokenHash) {
    const rows = await sql.query(`select ${COLUMNS} from invitations where token_hash = $1`, [tokenHash]);
    return rows[0] && toInvitation(rows[0]);
  },
  async pendingFor(sql, tenantId, email, at) {
    const rows = await sql.query(
      `select ${COLUMNS} from invitations
       where tenant_id = $1 and email = $2 and accepted_at is null and revoked_at is null and expires_at > $3
       order by created_at`,
      [tenantId, email.toLowerCase(), at],
    );
    return rows.map(toInvitation);
  },
  async revoke(sql, tenantId, id, at) {
    const rows = await sql.query(
      `update invitations set revoked_at = $3
       where tenant_id = $1 and id = $2 and revoked_at is null and accepted_at is null returning id`,
      [tenantId, id, at],
    );
    return rows.length === 1;
  },
  async markAccepted(sql, id, at) {
    const rows = await sql.query(
      'update invitations set accepted_at = $2 where id = $1 and accepted_at is null and revoked_at is null returning id',
      [id, at],
    );
    return rows.length === 1;
  },
};
