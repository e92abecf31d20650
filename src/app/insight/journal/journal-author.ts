import type { RequestContext } from '../../identity/resolve-tenant.ts';
import type { PersonRef } from '../../ports.ts';

/** A journal is its author's alone: every journal use case acts on the caller's own entries. */
export function journalAuthor(ctx: RequestContext): PersonRef {
  return { tenantId: ctx.tenantId, userId: ctx.userId };
}
