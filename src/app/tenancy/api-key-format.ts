import type { TokenGenerator } from '../ports.ts';

/** A key reads `vk_<prefix>_<secret>`: the prefix finds the row, the secret proves the holder. */
export const API_KEY_PREFIX_LENGTH = 12;
export const API_KEY_SECRET_BYTES = 32;

/** 12 characters of [a-z0-9] drawn from random tokens (public, but unique across all tenants). */
export function newApiKeyPrefix(random: Pick<TokenGenerator, 'token'>): string {
  let prefix = '';
  while (prefix.length < API_KEY_PREFIX_LENGTH) prefix += random.token(16).toLowerCase().replace(/[^a-z0-9]/g, '');
  return prefix.slice(0, API_KEY_PREFIX_LENGTH);
}

export function newApiKey(random: Pick<TokenGenerator, 'token'>): { prefix: string; key: string } {
  const prefix = newApiKeyPrefix(random);
  return { prefix, key: `vk_${prefix}_${random.token(API_KEY_SECRET_BYTES)}` };
}
