import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyRing } from './key-ring.ts';

describe('KeyRing', () => {
  const v1 = KeyRing.generateKey();
  const v2 = KeyRing.generateKey();

  it('round-trips, and a ciphertext is bound to its AAD', () => {
    const ring = KeyRing.parse(`1:${v1}`);
    const sealed = ring.seal('JBSWY3DPEHPK3PXP', 'credentials:mfa_secret:user-1');
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.equal(ring.open(sealed, 'credentials:mfa_secret:user-1'), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => ring.open(sealed, 'credentials:mfa_secret:user-2'));
  });

  it('seals with the newest key and still opens what older keys sealed', () => {
    const old = KeyRing.parse(`1:${v1}`).seal('secret', 'aad');
    const rotated = KeyRing.parse(`1:${v1},2:${v2}`);
    assert.equal(rotated.open(old, 'aad'), 'secret');
    assert.match(rotated.seal('secret', 'aad'), /^v2\./);
    assert.throws(() => KeyRing.parse(`2:${v2}`).open(old, 'aad'), /key is gone/);
  });

  it('tells what an older key sealed from what the newest did', () => {
    const old = KeyRing.parse(`1:${v1}`).seal('secret', 'aad');
    const rotated = KeyRing.parse(`1:${v1},2:${v2}`);
    assert.equal(rotated.sealedWithNewestKey(old), false);
    assert.equal(rotated.sealedWithNewestKey(rotated.seal('secret', 'aad')), true);
  });

  it('detects tampering', () => {
    const ring = KeyRing.parse(`1:${v1}`);
    const [v, iv, tag, data] = ring.seal('secret', 'aad').split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0]! ^= 1;
    assert.throws(() => ring.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'aad'));
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => KeyRing.parse('1:c2hvcnQ='), /32 bytes/);
  });
});
