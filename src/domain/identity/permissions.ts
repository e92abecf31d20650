import type { Role } from './role.ts';

/** What a request may do inside a tenant. People get their role's; API keys a chosen subset of their creator's. */
export const PERMISSIONS = [
  'members:read',
  'members:write',
  'invitations:write',
  'care-team:write',
  'tenant:settings',
  'api-keys:manage',
  'samples:read',
  'samples:write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: ['members:read', 'samples:read', 'samples:write'],
  clinician: ['members:read', 'samples:read', 'samples:write'],
  admin: PERMISSIONS,
};

export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** An API key never holds more than its creator's role allows, even if the role shrank since. */
export function effectivePermissions(role: Role, granted: readonly string[]): ReadonlySet<Permission> {
  const allowed = permissionsOfRole(role);
  return new Set(granted.filter((p): p is Permission => allowed.has(p as Permission)));
}
