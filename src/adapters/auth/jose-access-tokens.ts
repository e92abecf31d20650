import { errors, jwtVerify, SignJWT } from 'jose';
import type { AccessClaims, AccessTokenSigner } from '../../app/ports.ts';
import { AppError } from '../../app/errors.ts';

const ISSUER = 'vitalis';
const AUDIENCE = 'vitalis-api';

/** Short-lived access tokens: HS256 JWTs naming the user and the session family. */
export class JoseAccessTokens implements AccessTokenSigner {
  // Imported once: handed raw bytes, jose imports a key on every call, which costs more than the check itself.
  readonly #key: Promise<CryptoKey>;

  constructor(secret: Buffer) {
    if (secret.length < 32) throw new Error('the access-token secret must be at least 32 bytes');
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
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
    try {
      const { payload } = await jwtVerify(token, await this.#key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new AppError('unauthorized', 'Invalid access token.');
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError('token_expired', 'The access token has expired; refresh it.');
      if (error instanceof AppError) throw error;
      throw new AppError('unauthorized', 'Invalid access token.');
    }
  }
}
