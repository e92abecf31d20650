import { AppError } from '../errors.ts';
import type { Sql } from '../ports.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { UserAccount } from './identity-repo.ts';
import { issueTokens, type ClientInfo, type TokenPair } from './sessions.ts';
import { auditAccount } from './user-audit.ts';

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
}

/** Budgets of sign-in attempts. Windows end, so nobody can lock a person out for good. */
const PER_ACCOUNT = { limit: 100, windowMs: 3_600_000 };
const PER_IP = { limit: 300, windowMs: 900_000 };

// Verified against when the email is unknown, so both answers take an argon2 verification.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/zDR3TcDByqha25dUxbgRw$qNzp8L3fafEyPzmWdn3eQbcH/oXLgwmA3Ub0jZFMiqE';

const invalid = () => new AppError('invalid_credentials', 'The email or password is not right.');

export async function signIn(deps: IdentityDeps, input: SignInInput, client: ClientInfo): Promise<TokenPair> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `sign-in:account:${deps.random.digest(email)}`;
  const [byAccount, byIp] = await Promise.all([
    deps.rateLimiter.hit(accountKey, PER_ACCOUNT.limit, PER_ACCOUNT.windowMs),
    deps.rateLimiter.hit(`sign-in:ip:${client.ip ?? 'unknown'}`, PER_IP.limit, PER_IP.windowMs),
  ]);
  if (!byAccount.allowed || !byIp.allowed) {
    throw new AppError('rate_limited', 'Too many sign-in attempts; wait a while and try again.', {
      retryAfterSeconds: Math.ceil(Math.max(byAccount.allowed ? 0 : byAccount.resetMs, byIp.allowed ? 0 : byIp.resetMs) / 1000),
    });
  }

  const account = await deps.tx.withSystem('sign-in reads credentials', (sql) => deps.identity.accountByEmail(sql, email));
  const passwordOk = await deps.passwords.verify(account?.passwordHash ?? DUMMY_HASH, input.password);
  if (!account) throw invalid();
  if (!passwordOk) {
    await deps.tx.withSystem('sign-in records a failure', (sql) => auditAccount(deps, sql, account, { action: 'auth.sign_in_failed', details: { ip: client.ip ?? null } }));
    throw invalid();
  }
  if (!account.emailVerifiedAt) throw new AppError('email_not_verified', 'Confirm your email address first: follow the link we sent you.');

  const tokens = await deps.tx
    .withSystem('sign-in opens a session', async (sql) => {
      if (account.mfaEnabledAt) await checkSecondFactor(deps, sql, account, input.totp);
      const pair = await issueTokens(deps, sql, account.id, deps.ids.newId(), client);
      await auditAccount(deps, sql, account, { action: 'auth.signed_in', details: { ip: client.ip ?? null, mfa: Boolean(account.mfaEnabledAt) } });
      return pair;
    })
    .catch(async (error: unknown) => {
      // That transaction rolled back: a failed second factor is recorded in one of its own.
      if (error instanceof AppError && error.code === 'invalid_credentials') {
        await deps.tx.withSystem('sign-in records a failed second factor', (sql) =>
          auditAccount(deps, sql, account, { action: 'auth.mfa_failed', details: { ip: client.ip ?? null } }),
        );
      }
      throw error;
    });
  await deps.rateLimiter.reset(accountKey);
  return tokens;
}

async function checkSecondFactor(deps: IdentityDeps, sql: Sql, account: UserAccount, code: string | undefined) {
  if (!code) throw new AppError('mfa_required', 'Enter the code from your authenticator app, or a recovery code.');
  const trimmed = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(trimmed) && account.mfaSecret) {
    const secret = deps.secretBox.open(account.mfaSecret, mfaSecretAad(account.id));
    const step = await deps.totp.verify(secret, trimmed, deps.clock.now(), account.mfaLastStep ?? undefined);
    if (step !== undefined) {
      await deps.identity.setMfa(sql, account.id, { lastStep: step });
      return;
    }
  } else if (await deps.identity.useRecoveryCode(sql, account.id, deps.random.digest(normalizeRecoveryCode(trimmed)), deps.clock.now())) {
    await auditAccount(deps, sql, account, { action: 'auth.recovery_code_used' });
    return;
  }
  throw new AppError('invalid_credentials', 'That code is not valid (or was used already).');
}

export function mfaSecretAad(userId: string): string {
  return `credentials:mfa_secret:${userId}`;
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}
