import type { AppDeps } from '../deps.ts';
import type { AccessTokenSigner, PasswordHasher, Queue, RateLimiter, SecretBox, TokenGenerator, TotpService } from '../ports.ts';
import type { IdentityRepo } from './identity-repo.ts';

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
}
