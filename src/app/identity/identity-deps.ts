import type { AppDeps } from '../deps.ts';
import type { AccessTokenSigner, PasswordHasher, Queue, RateLimiter, SecretBox, TokenGenerator, TotpService } from '../ports.ts';
import type { AccessChanges } from './access-changes.ts';
import type { IdentityRepo } from './identity-repo.ts';
import type { VerifiedSessionMemo } from './verified-session-memo.ts';

export interface IdentitySettings {
  /** Where people reach the web app; links in mail point here. */
  publicUrl: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export interface IdentityDeps extends AppDeps {
  identity: IdentityRepo;
  passwords: PasswordHasher;
  accessTokens: AccessTokenSigner;
  secretBox: SecretBox;
  totp: TotpService;
  random: TokenGenerator;
  rateLimiter: RateLimiter;
  queue: Queue;
  commonPasswords: ReadonlySet<string>;
  settings: IdentitySettings;
  /** Sessions, memberships and API keys read recently, so most requests skip the database. */
  verifiedSessions: VerifiedSessionMemo;
  accessChanges: AccessChanges;
}
