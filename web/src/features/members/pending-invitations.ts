import type { Invitation } from '../../api/types.ts';

/** Invitations still waiting for an answer: not accepted, not withdrawn, not expired. */
export function pendingInvitations(invitations: Invitation[], now: Date): Invitation[] {
  return invitations.filter((i) => !i.acceptedAt && !i.revokedAt && !(new Date(i.expiresAt).getTime() <= now.getTime()));
}
