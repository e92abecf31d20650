import type { Role } from '../../api/types.ts';

export const roleLabels: Record<Role, string> = { member: 'Member', clinician: 'Clinician', admin: 'Administrator' };

export const roleHelp: Record<Role, string> = {
  member: 'sees and manages their own data',
  clinician: 'sees the data of the members on their care team',
  admin: 'manages members, invitations and settings',
};

/** The label of a role, or the role as sent when the API knows one this app does not. */
export function roleLabel(role: string): string {
  return (roleLabels as Record<string, string>)[role] ?? role;
}
