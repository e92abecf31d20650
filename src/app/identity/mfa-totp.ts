import { AppError } from '../errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { reauthenticate } from './reauthenticate.ts';
import { mfaSecretAad, normalizeRecoveryCode } from './sign-in.ts';
import { auditAccount } from './user-audit.ts';

const ISSUER = 'Vitalis';
const RECOVERY_CODES = 10;

/** Starts enrolment: a new secret, pending until a code from it is confirmed. */
export async function enrollTotp(deps: IdentityDeps, userId: string): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
  const secret = deps.totp.newSecret();
  const account = await deps.tx.withSystem('MFA enrolment', async (sql) => {
    const found = await deps.identity.accountById(sql, userId);
    if (!found) throw new AppError('unauthorized', 'Sign in again.');
    if (found.mfaEnabledAt) throw new AppError('conflict', 'Two-factor sign-in is on already; turn it off first to enrol a new device.');
    await deps.identity.setMfa(sql, userId, { pendingSecret: deps.secretBox.seal(secret, mfaSecretAad(userId)) });
    return found;
  });
  const otpauthUri = deps.totp.uri(secret, account.email, ISSUER);
  return { secret, otpauthUri, qrSvg: await deps.totp.qrSvg(otpauthUri) };
}

/** Turns MFA on with a code from the pending secret, and hands out ten single-use recovery codes. */
export async function confirmTotp(deps: IdentityDeps, userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => formatRecoveryCode(deps.random.token(8)));
  await deps.tx.withSystem('MFA confirmation', async (sql) => {
    const account = await deps.identity.accountById(sql, userId);
    if (!account?.mfaPendingSecret) throw new AppError('conflict', 'Start the enrolment first.');
    const secret = deps.secretBox.open(account.mfaPendingSecret, mfaSecretAad(userId));
    const step = await deps.totp.verify(secret, code.replace(/\s+/g, ''), deps.clock.now());
    if (step === undefined) throw new AppError('validation_failed', 'That code does not match; check the time on your device and try the next one.');
    await deps.identity.setMfa(sql, userId, { secret: account.mfaPendingSecret, pendingSecret: null, enabledAt: deps.clock.now(), lastStep: step });
    await deps.identity.replaceRecoveryCodes(sql, userId, recoveryCodes.map((c) => deps.random.digest(normalizeRecoveryCode(c))));
    await auditAccount(deps, sql, account, { action: 'auth.mfa_enabled', details: { method: 'totp' } });
  });
  await deps.accessChanges.announce({ kind: 'account-changed', userId });
  return { recoveryCodes };
}

/** Turns MFA off; needs the current password. */
export async function disableTotp(deps: IdentityDeps, userId: string, currentPassword: string): Promise<void> {
  const account = await reauthenticate(deps, userId, currentPassword);
  await deps.tx.withSystem('MFA disable', async (sql) => {
    await deps.identity.setMfa(sql, userId, { secret: null, pendingSecret: null, enabledAt: null, lastStep: null });
    await deps.identity.replaceRecoveryCodes(sql, userId, []);
    await auditAccount(deps, sql, account, { action: 'auth.mfa_disabled' });
  });
  await deps.accessChanges.announce({ kind: 'account-changed', userId });
}

/** 8 random bytes as two groups of base32-like characters people can type: xxxxx-xxxxx. */
function formatRecoveryCode(raw: string): string {
  const plain = normalizeRecoveryCode(raw).slice(0, 10).padEnd(10, '0');
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}
