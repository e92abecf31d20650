import type { Repos } from '../../app/ports.ts';
import { auditLogRepo } from './audit-log.repo.ts';
import { careTeamRepo, membershipRepo } from './membership.repo.ts';
import { tenantRepo } from './tenant.repo.ts';
import { userRepo } from './user.repo.ts';

export const repos: Repos = {
  tenants: tenantRepo,
  users: userRepo,
  memberships: membershipRepo,
  careTeam: careTeamRepo,
  auditLog: auditLogRepo,
};
