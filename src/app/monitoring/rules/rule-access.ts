import { AppError } from '../../errors.ts';
import type { RequestContext } from '../../identity/resolve-tenant.ts';
import { notFound } from '../../ingest/ingest-deps.ts';
import type { Sql } from '../../ports.ts';
import type { MonitoringDeps } from '../monitoring-deps.ts';
import type { RuleRecord } from '../monitoring-ports.ts';

export type RuleAccessDeps = Pick<MonitoringDeps, 'repos' | 'ingest' | 'monitoring'>;

/** Whom a rule watches, as given: one person, one care team (its clinician), or the whole tenant. */
export interface RuleScopeInput {
  userId?: string;
  teamId?: string;
}

export type StoredScope = Pick<RuleRecord, 'scopeUserId' | 'scopeTeamId'>;

const TENANT_WIDE: StoredScope = { scopeUserId: null, scopeTeamId: null };

/**
 * The scope a caller may give a rule. A member watches themselves only (no scope means
 * themselves); an admin or clinician may watch the tenant, a care team, or a person — for a
 * clinician, one on their care team. A person or team the caller cannot reach answers 404.
 */
export async function allowedScope(deps: RuleAccessDeps, sql: Sql, ctx: RequestContext, scope: RuleScopeInput | null | undefined): Promise<StoredScope> {
  if (ctx.role === 'member') {
    if (!scope || scope.userId === ctx.userId) return { scopeUserId: ctx.userId, scopeTeamId: null };
    throw new AppError('forbidden', 'A member sets rules for themselves only: leave scope out, or give your own userId.');
  }
  if (!scope) return TENANT_WIDE;
  if (scope.teamId !== undefined) {
    const lead = await deps.repos.team.member(sql, ctx.tenantId, scope.teamId);
    if (!lead || lead.role === 'member') throw notFound();
    return { scopeUserId: null, scopeTeamId: scope.teamId };
  }
  const userId = scope.userId!;
  if (userId !== ctx.userId && !(await mayWatchPerson(deps, sql, ctx, userId))) throw notFound();
  return { scopeUserId: userId, scopeTeamId: null };
}

/**
 * Which rules the caller sees: admins all; clinicians all but person rules of people not on
 * their care team; members what row-level security shows them (those watching them).
 */
export async function ruleReader(deps: RuleAccessDeps, sql: Sql, ctx: RequestContext): Promise<(rule: RuleRecord) => boolean> {
  if (ctx.role !== 'clinician') return () => true;
  const watched = new Set((await deps.repos.team.listMembers(sql, ctx.tenantId, { careTeamOf: ctx.userId })).map((m) => m.userId));
  return (rule) => rule.scopeUserId === null || watched.has(rule.scopeUserId);
}

/** Admins and clinicians change the rules they see; a member only the rules they set for themselves. */
export function mayManageRule(ctx: RequestContext, rule: RuleRecord): boolean {
  return ctx.role !== 'member' || (rule.scopeUserId === ctx.userId && rule.createdBy === ctx.userId);
}

/** The rule the caller may read, or 404. */
export async function readableRule(deps: RuleAccessDeps, sql: Sql, ctx: RequestContext, id: string): Promise<RuleRecord> {
  const rule = await deps.monitoring.rules.get(sql, ctx.tenantId, id);
  if (!rule || !(await ruleReader(deps, sql, ctx))(rule)) throw notFound();
  return rule;
}

async function mayWatchPerson(deps: RuleAccessDeps, sql: Sql, ctx: RequestContext, userId: string): Promise<boolean> {
  if (ctx.role === 'admin') return (await deps.repos.team.member(sql, ctx.tenantId, userId)) !== undefined;
  return deps.ingest.access.isCareTeamClinician(sql, ctx.tenantId, ctx.userId, userId);
}
