import type { Sql, TenantContext, Transactions } from '../app/ports.ts';
import { AppError } from '../app/errors.ts';
import { APP_ROLE, type Database } from './database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Statements tenant code may not run: ending the transaction or changing the role or settings
 * would carry on outside the tenant's scope (e.g. RESET ROLE returns to the owner).
 */
const ESCAPES = /(^|;)\s*(commit|rollback|abort|end|begin|start|set|reset|discard|prepare\s+transaction)\b|\bset_config\s*\(/i;

function guarded(sql: Sql): Sql {
  return {
    query(text, params) {
      if (ESCAPES.test(text)) {
        return Promise.reject(new Error('tenant code may not end the transaction or change the role or settings'));
      }
      return sql.query(text, params);
    },
  };
}

/** Called for every withSystem transaction, so each bypass of RLS leaves a trace. */
export type SystemAccessRecorder = (reason: string) => void;

/**
 * The tenancy choke point. withTenant switches to the app role and sets the tenant, user and
 * role for this transaction only (set_config(..., true)), so nothing leaks into the next
 * transaction on the same pooled connection.
 */
export function createTransactions(db: Database, recordSystemAccess: SystemAccessRecorder): Transactions {
  return {
    withTenant<T>(ctx: TenantContext, fn: (sql: Sql) => Promise<T>): Promise<T> {
      // A malformed id can name no tenant: answer as for any foreign id.
      if (!UUID.test(ctx.tenantId) || (ctx.userId !== undefined && !UUID.test(ctx.userId))) {
        return Promise.reject(new AppError('not_found', 'No such resource.'));
      }
      return db.transaction(async (sql) => {
        await sql.query(
          `select set_config('role', $1, true), set_config('app.tenant_id', $2, true),
                  set_config('app.user_id', $3, true), set_config('app.role', $4, true)`,
          [APP_ROLE, ctx.tenantId, ctx.userId ?? '', ctx.role ?? ''],
        );
        return fn(guarded(sql));
      });
    },

    withSystem<T>(reason: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
      if (!reason.trim()) return Promise.reject(new Error('withSystem needs a reason'));
      recordSystemAccess(reason);
      return db.transaction(fn);
    },
  };
}
