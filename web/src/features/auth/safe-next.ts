/** A path inside this app to go to after signing in, or null: never another origin, never the API. */
export function safeNext(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/^\/(api|docs)(\/|$|\?)/.test(value)) return null;
  return value;
}

const PENDING_KEY = 'vitalis.afterVerify';

/** Where to continue once a new account has verified its email (an invitation, say). */
export function rememberAfterVerify(next: string | null): void {
  try {
    if (next) localStorage.setItem(PENDING_KEY, next);
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Without storage the person starts at the dashboard instead.
  }
}

export function takeAfterVerify(): string | null {
  try {
    const value = safeNext(localStorage.getItem(PENDING_KEY));
    localStorage.removeItem(PENDING_KEY);
    return value;
  } catch {
    return null;
  }
}
