import type { Repos } from '../../app/ports.ts';
import { apiKeyRepo } from './api-key.repo.ts';
import { auditLogRepo } from './audit-log.repo.ts';
import { invitationRepo } from './invitation.repo.ts';
import { membershipRepo } from './membership.repo.ts';
import { teamRepo } from './team.repo.ts';
import { tenantSettingsRepo } from './tenant-settings.repo.ts';
import { tenantRepo } from './tenant.repo.ts';
import { userRepo } from './user.repo.ts';

export const repos: Repos = {
  tenants: tenantRepo,
  users: userRepo,
  memberships: membershipRepo,
  auditLog: auditLogRepo,
  team: teamRepo,
  invitations: invitationRepo,
  apiKeys: apiKeyRepo,
  tenantSettings: tenantSettingsRepo,
};
