import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isAppError } from '../../app/errors.ts';
import { JoseAccessTokens } from './jose-access-tokens.ts';

const refusedWith = (code: string) => (error: unknown) => isAppError(error) && error.code === code;

describe('access tokens', () => {
  it('verifies what it signed, again and again, and refuses a token once it has expired even after verifying it', async () => {
    let now = Date.now();
    const tokens = new JoseAccessTokens(randomBytes(32), { now: () => now });
    const token = await tokens.sign({ userId: 'u1', sessionId: 's1' }, 60);
    assert.deepEqual(await tokens.verify(token), { userId: 'u1', sessionId: 's1' });
    assert.deepEqual(await tokens.verify(token), { userId: 'u1', sessionId: 's1' });
    now += 61_000;
    await assert.rejects(tokens.verify(token), refusedWith('token_expired'));
  });

  it('refuses a token with a changed payload or signature, or signed with another secret, however often it is presented', async () => {
    const tokens = new JoseAccessTokens(randomBytes(32));
    const token = await tokens.sign({ userId: 'u1', sessionId: 's1' }, 60);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'u2' })).toString('base64url');
    const forged = [`${header}.${otherPayload}.${signature}`, `${header}.${payload}.${signature!.slice(0, -2)}AA`, await new JoseAccessTokens(randomBytes(32)).sign({ userId: 'u1', sessionId: 's1' }, 60)];
    for (const candidate of [...forged, ...forged]) await assert.rejects(tokens.verify(candidate), refusedWith('unauthorized'));
  });
});
