import { AppError } from '../errors.ts';
import type { Sql } from '../ports.ts';
import type { EmailTokenPurpose, EmailTokenRow } from './identity-repo.ts';
import type { IdentityDeps } from './identity-deps.ts';

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3_600_000,
  change_email: 24 * 3_600_000,
  reset_password: 3_600_000,
};

const PAGE: Record<EmailTokenPurpose, string> = {
  verify_email: 'verify-email',
  change_email: 'verify-email',
  reset_password: 'reset-password',
};

/** Stores the digest of a one-time token and returns the link that carries it. */
export async function issueEmailToken(
  deps: IdentityDeps,
  sql: Sql,
  userId: string,
  purpose: EmailTokenPurpose,
  newEmail?: string,
): Promise<string> {
  const token = deps.random.token();
  const now = deps.clock.now();
  await deps.identity.insertEmailToken(sql, {
    id: deps.ids.newId(),
    userId,
    purpose,
    tokenHash: deps.random.digest(token),
    ...(newEmail ? { newEmail } : {}),
    createdAt: now,
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
  });
  return `${deps.settings.publicUrl.replace(/\/$/, '')}/${PAGE[purpose]}?token=${encodeURIComponent(token)}`;
}

/** Takes a one-time token for one of `purposes`: unknown, used or expired tokens are all refused alike. */
export async function consumeEmailToken(
  deps: IdentityDeps,
  sql: Sql,
  token: string,
  purposes: EmailTokenPurpose[],
): Promise<EmailTokenRow> {
  const row = await deps.identity.emailTokenByHash(sql, deps.random.digest(token));
  const now = deps.clock.now();
  if (!row || !purposes.includes(row.purpose) || row.usedAt || row.expiresAt <= now || !(await deps.identity.useEmailToken(sql, row.id, now))) {
    throw new AppError('invalid_token', 'This link is invalid, was used already, or has expired.');
  }
  return row;
}
