/** The shapes of the Vitalis HTTP API that the web app uses. */

export type Role = 'member' | 'clinician' | 'admin';
export const roles: readonly Role[] = ['member', 'clinician', 'admin'];

export type TenantType = 'personal' | 'team' | 'white_label';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface CurrentUser extends User {
  emailVerified: boolean;
  mfaEnabled: boolean;
}

export interface Branding {
  logoUrl?: string | null;
  primaryColor?: string | null;
}

export interface Membership {
  tenantId: string;
  tenantSlug: string;
  tenantName?: string;
  tenantType?: TenantType;
  role: Role;
  branding?: Branding | null;
}

export interface Me {
  user: CurrentUser;
  memberships: Membership[];
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface SignUpResult {
  user: User;
  tenant: { id: string; slug: string; name: string };
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg?: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  /** Set once the invitation was used or withdrawn (the list answer has them; creation does not). */
  acceptedAt?: string | null;
  revokedAt?: string | null;
}

export interface AcceptedInvitation {
  tenantId: string;
  role: Role;
}

/** RFC 9457 problem details as Vitalis sends them (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  requestId?: string;
  errors?: Array<{ path: string; message: string }>;
}
