import { createHash, randomBytes } from 'node:crypto';
import type { TokenGenerator } from '../../app/ports.ts';

/**
 * Tokens carry at least 256 bits of entropy, so a fast digest (SHA-256) is enough to store
 * them: unlike passwords they cannot be guessed from a dictionary.
 */
export const randomTokens: TokenGenerator = {
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  digest: (token) => createHash('sha256').update(token, 'utf8').digest('hex'),
};
