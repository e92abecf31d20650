import type { Sql } from '../ports.ts';

export interface UserAccount {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: Date | null;
  personalTenantId: string | null;
  passwordHash: string;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabledAt: Date | null;
  mfaLastStep: number | null;
}

export interface SessionRow {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export interface EmailTokenRow {
  id: string;
  userId: string;
  purpose: EmailTokenPurpose;
  newEmail: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Credentials, sessions and one-time tokens: system tables, reached only through withSystem. */
export interface IdentityRepo {
  accountByEmail(sql: Sql, email: string): Promise<UserAccount | undefined>;
  accountById(sql: Sql, userId: string): Promise<UserAccount | undefined>;
  insertUser(sql: Sql, user: { id: string; email: string; name: string; personalTenantId: string }): Promise<void>;
  insertCredentials(sql: Sql, userId: string, passwordHash: string): Promise<void>;
  setPassword(sql: Sql, userId: string, passwordHash: string, at: Date): Promise<void>;
  markEmailVerified(sql: Sql, userId: string, at: Date): Promise<void>;
  changeEmail(sql: Sql, userId: string, email: string, at: Date): Promise<void>;
  setMfa(
    sql: Sql,
    userId: string,
    fields: { secret?: string | null; pendingSecret?: string | null; enabledAt?: Date | null; lastStep?: number | null },
  ): Promise<void>;

  insertSession(sql: Sql, session: { id: string; userId: string; familyId: string; tokenHash: string; createdAt: Date; expiresAt: Date; userAgent?: string; ip?: string }): Promise<void>;
  sessionByTokenHash(sql: Sql, tokenHash: string): Promise<SessionRow | undefined>;
  /** Marks a session rotated unless it was already; false when someone rotated it first. */
  markRotated(sql: Sql, sessionId: string, at: Date): Promise<boolean>;
  revokeFamily(sql: Sql, familyId: string, reason: string, at: Date): Promise<void>;
  /** Revokes every live session family of the person but `keepFamilyId`; returns how many ended. */
  revokeAllOfUser(sql: Sql, userId: string, reason: string, at: Date, keepFamilyId?: string): Promise<number>;
  familyIsLive(sql: Sql, familyId: string, userId: string, at: Date): Promise<boolean>;

  insertEmailToken(sql: Sql, token: { id: string; userId: string; purpose: EmailTokenPurpose; tokenHash: string; newEmail?: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  emailTokenByHash(sql: Sql, tokenHash: string): Promise<EmailTokenRow | undefined>;
  useEmailToken(sql: Sql, id: string, at: Date): Promise<boolean>;

  liveApiKeyByPrefix(sql: Sql, prefix: string): Promise<{ id: string; tenantId: string; createdBy: string | null; keyHash: string; permissions: string[] } | undefined>;
  markApiKeyUsed(sql: Sql, keyId: string, at: Date): Promise<void>;

  replaceRecoveryCodes(sql: Sql, userId: string, codeHashes: string[]): Promise<void>;
  useRecoveryCode(sql: Sql, userId: string, codeHash: string, at: Date): Promise<boolean>;
}
