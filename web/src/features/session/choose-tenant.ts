import type { Me, Membership } from '../../api/types.ts';

/** The stored choice when it is still a membership, else the personal tenant, else the first. */
export function chooseTenant(me: Me | null, preferred: string | null): Membership | null {
  if (!me || me.memberships.length === 0) return null;
  return (
    me.memberships.find((m) => m.tenantId === preferred) ??
    me.memberships.find((m) => m.tenantType === 'personal') ??
    me.memberships[0]!
  );
}
