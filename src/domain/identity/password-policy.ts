/** NIST SP 800-63B: long enough, not known to be common, and no arbitrary composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export interface PasswordContext {
  email: string;
  commonPasswords: ReadonlySet<string>;
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: PasswordContext): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `use at most ${PASSWORD_MAX_LENGTH} characters`;
  const lowered = password.toLowerCase();
  if (context.commonPasswords.has(lowered)) return 'this password is too common; choose another';
  const local = context.email.toLowerCase().split('@')[0] ?? '';
  if (lowered === context.email.toLowerCase() || (local.length >= 4 && lowered.includes(local))) {
    return 'do not use your email address in your password';
  }
  if (new Set(password).size < 4) return 'use more different characters';
  return undefined;
}
