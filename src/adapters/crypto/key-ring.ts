import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RotatingSecretBox } from '../../app/ports.ts';

/**
 * AES-256-GCM with versioned keys: seals with the newest key, opens with whichever key a
 * ciphertext names, so keys rotate by adding a version. Format: v<version>.<iv>.<tag>.<data>.
 */
export class KeyRing implements RotatingSecretBox {
  readonly #keys: Map<number, Buffer>;
  readonly #current: number;

  constructor(keys: Record<number, Buffer>) {
    this.#keys = new Map(Object.entries(keys).map(([v, k]) => [Number(v), k]));
    if (this.#keys.size === 0) throw new Error('the key ring needs at least one key');
    for (const [version, key] of this.#keys) {
      if (key.length !== 32) throw new Error(`encryption key ${version} must be 32 bytes`);
    }
    this.#current = Math.max(...this.#keys.keys());
  }

  /** Parses `1:<base64>,2:<base64>`. */
  static parse(spec: string): KeyRing {
    const keys: Record<number, Buffer> = {};
    for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = /^(\d+):([A-Za-z0-9+/=_-]+)$/.exec(part);
      if (!match) throw new Error('encryption keys must look like 1:<base64 of 32 bytes>,2:<...>');
      keys[Number(match[1])] = Buffer.from(match[2]!, 'base64');
    }
    return new KeyRing(keys);
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#current)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [`v${this.#current}`, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  sealedWithNewestKey(sealed: string): boolean {
    return sealed.startsWith(`v${this.#current}.`);
  }

  open(sealed: string, aad: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    const key = this.#keys.get(Number(version?.slice(1)));
    if (!key || !iv || !tag || data === undefined) throw new Error('sealed secret is malformed or its key is gone');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
