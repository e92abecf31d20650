import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'node:test';
import { closesAfterEach } from '../../../test/support/closes-after-each.ts';
import type { RateLimiter } from '../../app/ports.ts';

const timeout = 5_000;

/**
 * Behaviour every RateLimiter adapter must share. Call inside a describe; `open` must return a
 * limiter that shares no counters with limiters opened for other tests.
 */
export function rateLimiterContract(open: () => RateLimiter): void {
  const fresh = closesAfterEach(open);
  const key = () => `k-${randomUUID()}`;

  it('allows `limit` hits in a window and denies the next, counting down what remains', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit(k, 3, 60_000));
    assert.deepEqual(decisions.map((d) => [d.allowed, d.remaining]), [[true, 2], [true, 1], [true, 0], [false, 0]]);
    for (const d of decisions) assert.ok(d.resetMs > 59_000 && d.resetMs <= 60_000, `resetMs ${d.resetMs}`);
  });

  it('keeps the window fixed from its first hit', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    const first = await limiter.hit(k, 5, 1_000);
    await sleep(120);
    const later = await limiter.hit(k, 5, 1_000);
    assert.ok(first.resetMs > 900, `first resetMs ${first.resetMs}`);
    assert.ok(later.resetMs <= first.resetMs - 100, `later resetMs ${later.resetMs} vs ${first.resetMs}`);
  });

  it('allows hits again once the window has passed', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    await limiter.hit(k, 1, 80);
    const denied = await limiter.hit(k, 1, 80);
    assert.equal(denied.allowed, false);
    await sleep(denied.resetMs + 40);
    const again = await limiter.hit(k, 1, 80);
    assert.deepEqual([again.allowed, again.remaining], [true, 0]);
    assert.ok(again.resetMs > 40, `resetMs ${again.resetMs}`);
  });

  it('counts each key on its own', { timeout }, async () => {
    const limiter = fresh();
    const [busy, quiet] = [key(), key()];
    await limiter.hit(busy, 1, 60_000);
    assert.equal((await limiter.hit(busy, 1, 60_000)).allowed, false);
    assert.deepEqual(await limiter.hit(quiet, 1, 60_000).then((d) => [d.allowed, d.remaining]), [true, 0]);
  });

  it('starts a key afresh after reset, and resetting an unknown key is harmless', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    await limiter.hit(k, 1, 60_000);
    await limiter.reset(k);
    await limiter.reset(k);
    assert.equal((await limiter.hit(k, 1, 60_000)).allowed, true);
  });

  it('allows exactly `limit` of many concurrent hits', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(k, 10, 60_000)));
    const allowed = decisions.filter((d) => d.allowed);
    assert.equal(allowed.length, 10);
    assert.deepEqual(allowed.map((d) => d.remaining).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('denies every hit under a limit of zero and rejects malformed limits and windows', { timeout }, async () => {
    const limiter = fresh();
    const k = key();
    assert.deepEqual(await limiter.hit(k, 0, 60_000).then((d) => [d.allowed, d.remaining]), [false, 0]);
    await assert.rejects(limiter.hit(k, -1, 60_000), RangeError);
    await assert.rejects(limiter.hit(k, 1.5, 60_000), RangeError);
    await assert.rejects(limiter.hit(k, 1, 0), RangeError);
    await assert.rejects(limiter.hit(k, 1, Number.POSITIVE_INFINITY), RangeError);
  });

  it('answers ping and closes', { timeout }, async () => {
    const limiter = open();
    await limiter.ping();
    await limiter.close();
    await limiter.close();
  });
}
