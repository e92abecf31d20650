export const ROLES = ['member', 'clinician', 'admin'] as const;
export type Role = (typeof ROLES)[number];
