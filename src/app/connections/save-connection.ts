import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../errors.ts';
import type { PersonRef, VendorTokens } from '../ports.ts';
import type { ConnectionDeps } from './connection-deps.ts';
import type { ConnectionRecord } from './connection-ports.ts';
import { sourceOf } from './connection-source.ts';
import { sealTokens } from './connection-tokens.ts';
import { queueSyncs } from './queue-syncs.ts';
import { scheduleNextSync } from './schedule-syncs.ts';

export interface ConsentedAccount {
  vendor: string;
  vendorUserId: string | null;
  tokens?: VendorTokens;
  settings: Record<string, unknown>;
}

export interface SavedConnection {
  connection: ConnectionRecord;
  created: boolean;
}

/** Keeps an account the person just consented to: new, or connected again after it needed them. */
export async function saveConnection(deps: ConnectionDeps, person: PersonRef, account: ConsentedAccount): Promise<SavedConnection> {
  const repo = deps.connections.connections;
  const now = deps.clock.now();
  return deps.tx.withTenant(person, async (sql) => {
    const existing = await repo.byVendor(sql, person, account.vendor);
    // The tokens are sealed to the connection's id, so the id comes first.
    const id = existing?.id ?? deps.ids.newId();
    const sealedTokens = account.tokens ? sealTokens(deps.secretBox, person.tenantId, id, account.tokens) : null;
    const tokenExpiresAt = account.tokens?.expiresAt ?? null;
    if (existing) {
      if (sealedTokens) await repo.storeTokens(sql, id, { sealedTokens, tokenExpiresAt, ...(account.vendorUserId !== null && { vendorUserId: account.vendorUserId }) }, now);
      await repo.markConnected(sql, id, now, false);
    } else if (!(await repo.insert(sql, person, { id, vendor: account.vendor, vendorUserId: account.vendorUserId, sealedTokens, tokenExpiresAt, settings: account.settings }, now))) {
      throw new AppError('conflict', 'This account is being connected in another window; try again in a moment.');
    }
    await recordAudit(deps, sql, person.tenantId, {
      action: existing ? 'connection.reconnected' : 'connection.connected',
      actorUserId: person.userId,
      targetType: 'connection',
      targetId: id,
      details: { vendor: account.vendor },
    });
    return { connection: (await repo.get(sql, id))!, created: !existing };
  });
}

/** A new connection reads back the last days, one connected again catches up from where it stopped; then its scheduled syncs. */
export async function startSyncs(deps: ConnectionDeps, { connection, created }: SavedConnection): Promise<void> {
  const source = sourceOf(deps, connection);
  if (source) await queueSyncs(deps, connection, created ? 'backfill' : 'manual', source);
  await scheduleNextSync(deps, connection, deps.clock.now().getTime());
}
