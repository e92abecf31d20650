import type { ApiClient } from './client.ts';
import type {
  AcceptedInvitation,
  Invitation,
  Me,
  Member,
  Role,
  SignUpResult,
  TokenPair,
  TotpEnrolment,
} from './types.ts';

const v1 = '/api/v1';
const segment = (value: string) => encodeURIComponent(value);

/** One typed function per API operation the web app calls. */
export function createVitalisApi(client: ApiClient) {
  const anonymous = { auth: false } as const;
  return {
    client,

    signUp: (body: { email: string; password: string; name: string }) =>
      client.request<SignUpResult>('POST', `${v1}/auth/sign-up`, { ...anonymous, body }),

    verifyEmail: (token: string) =>
      client.request<{ verified: boolean }>('POST', `${v1}/auth/verify-email`, { ...anonymous, body: { token } }),

    /** Signs in and starts the session; throws ApiError `mfa_required` when a code is needed. */
    signIn: async (body: { email: string; password: string; totp?: string }): Promise<void> => {
      const tokens = await client.request<TokenPair>('POST', `${v1}/auth/sign-in`, { ...anonymous, body });
      client.acceptTokens(tokens);
    },

    /**
     * Ends this device's session: the API revokes the refresh token, and the device forgets it
     * even when the API cannot be reached (there is nothing better to do with it then).
     */
    signOut: async (): Promise<void> => {
      const refreshToken = client.refreshToken;
      try {
        if (refreshToken !== null) await client.request<void>('POST', `${v1}/auth/sign-out`, { ...anonymous, body: { refreshToken } });
      } catch {
        // Offline or refused: the token is dropped below either way.
      } finally {
        client.clearSession();
      }
    },

    signOutEverywhere: async (): Promise<void> => {
      await client.request<void>('POST', `${v1}/auth/sign-out-everywhere`, { tenant: false });
      client.clearSession();
    },

    requestPasswordReset: (email: string) =>
      client.request<void>('POST', `${v1}/auth/password-reset/request`, { ...anonymous, body: { email } }),

    confirmPasswordReset: (token: string, password: string) =>
      client.request<void>('POST', `${v1}/auth/password-reset/confirm`, { ...anonymous, body: { token, password } }),

    changePassword: (currentPassword: string, newPassword: string) =>
      client.request<void>('POST', `${v1}/auth/change-password`, { tenant: false, body: { currentPassword, newPassword } }),

    changeEmail: (currentPassword: string, newEmail: string) =>
      client.request<void>('POST', `${v1}/auth/change-email`, { tenant: false, body: { currentPassword, newEmail } }),

    me: () => client.request<Me>('GET', `${v1}/me`, { tenant: false }),

    enrollTotp: () => client.request<TotpEnrolment>('POST', `${v1}/auth/mfa/totp/enroll`, { tenant: false }),

    confirmTotp: (code: string) =>
      client.request<{ recoveryCodes: string[] }>('POST', `${v1}/auth/mfa/totp/confirm`, { tenant: false, body: { code } }),

    disableTotp: (currentPassword: string) =>
      client.request<void>('POST', `${v1}/auth/mfa/totp/disable`, { tenant: false, body: { currentPassword } }),

    listMembers: (tenantId: string) =>
      client.request<{ members: Member[] }>('GET', `${v1}/tenants/${segment(tenantId)}/members`),

    changeRole: (tenantId: string, userId: string, role: Role) =>
      client.request<{ member: Member }>('PATCH', `${v1}/tenants/${segment(tenantId)}/members/${segment(userId)}`, { body: { role } }),

    removeMember: (tenantId: string, userId: string) =>
      client.request<void>('DELETE', `${v1}/tenants/${segment(tenantId)}/members/${segment(userId)}`),

    invite: (tenantId: string, email: string, role: Role) =>
      client.request<{ invitation: Invitation }>('POST', `${v1}/tenants/${segment(tenantId)}/invitations`, { body: { email, role } }),

    listInvitations: (tenantId: string) =>
      client.request<{ invitations: Invitation[] }>('GET', `${v1}/tenants/${segment(tenantId)}/invitations`),

    revokeInvitation: (tenantId: string, invitationId: string) =>
      client.request<void>('DELETE', `${v1}/tenants/${segment(tenantId)}/invitations/${segment(invitationId)}`),

    acceptInvitation: (token: string) =>
      client.request<AcceptedInvitation>('POST', `${v1}/invitations/${segment(token)}/accept`, { tenant: false }),
  };
}

export type VitalisApi = ReturnType<typeof createVitalisApi>;
