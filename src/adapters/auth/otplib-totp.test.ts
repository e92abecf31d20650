import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from 'otplib';
import { otplibTotp } from './otplib-totp.ts';

describe('TOTP', () => {
  const secret = otplibTotp.newSecret();
  const at = new Date('2026-11-22T10:00:10Z');
  const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });

  it('accepts the current code and one step of drift, not two', async () => {
    const now = await otplibTotp.verify(secret, await codeAt(at), at);
    assert.equal(now, Math.floor(at.getTime() / 30_000));
    assert.ok(await otplibTotp.verify(secret, await codeAt(new Date(at.getTime() - 30_000)), at));
    assert.equal(await otplibTotp.verify(secret, await codeAt(new Date(at.getTime() - 60_000)), at), undefined);
  });

  it('accepts a code once: not again at or before the last accepted step', async () => {
    const code = await codeAt(at);
    const step = await otplibTotp.verify(secret, code, at);
    assert.equal(await otplibTotp.verify(secret, code, at, step), undefined);
  });

  it('rejects anything that is not six digits, and renders a QR code', async () => {
    assert.equal(await otplibTotp.verify(secret, '12345a', at), undefined);
    const svg = await otplibTotp.qrSvg(otplibTotp.uri(secret, 'ava@example.org', 'Vitalis'));
    assert.match(svg, /^<svg/);
    assert.match(otplibTotp.uri(secret, 'ava@example.org', 'Vitalis'), /^otpauth:\/\/totp\/Vitalis:ava%40example\.org\?.*secret=/);
  });
});
