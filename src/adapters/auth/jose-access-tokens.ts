import { errors, jwtVerify, SignJWT } from 'jose';
import type { AccessClaims, AccessTokenSigner } from '../../app/ports.ts';
import { AppError } from '../../app/errors.ts';

const ISSUER = 'vitalis';
const AUDIENCE = 'vitalis-api';
/** Verified tokens remembered at most (the oldest goes first): a few MiB. */
const VERIFIED_TOKENS_HELD = 10_000;

/** Short-lived access tokens: HS256 JWTs naming the user and the session family. */
export class JoseAccessTokens implements AccessTokenSigner {
  // Imported once: handed raw bytes, jose imports a key on every call, which costs more than the check itself.
  readonly #key: Promise<CryptoKey>;
  /**
   * Tokens already verified, until they expire: a token's signature and claims never change, so
   * a client's next requests with it skip the HMAC (a round trip through the thread pool).
   * Whether its session is still live is checked on every request all the same.
   */
  readonly #verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();
  readonly #now: () => number;

  constructor(secret: Buffer, options: { now?: () => number } = {}) {
    if (secret.length < 32) throw new Error('the access-token secret must be at least 32 bytes');
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.#now = options.now ?? Date.now;
  }

  async sign(claims: AccessClaims, ttlSeconds: number): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(await this.#key);
  }

  async verify(token: string): Promise<AccessClaims> {
    const known = this.#verified.get(token);
    if (known && known.expiresAtMs > this.#now()) return known.claims;
    if (known) this.#verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, await this.#key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(this.#now()) });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') throw new AppError('unauthorized', 'Invalid access token.');
      const claims = { userId: payload.sub, sessionId: payload.sid };
      if (this.#verified.size >= VERIFIED_TOKENS_HELD) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError('token_expired', 'The access token has expired; refresh it.');
      if (error instanceof AppError) throw error;
      throw new AppError('unauthorized', 'Invalid access token.');
    }
  }
}
