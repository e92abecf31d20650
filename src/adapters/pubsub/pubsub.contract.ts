import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, it } from 'node:test';
import { closesAfterEach } from '../../../test/support/closes-after-each.ts';
import type { Logger, PubSub } from '../../app/ports.ts';

const timeout = 5_000;

/** Polls until `condition` holds; fails after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A handler that records what it receives. */
export function recorder(): { messages: unknown[]; handler: (message: unknown) => void } {
  const messages: unknown[] = [];
  return { messages, handler: (message) => void messages.push(message) };
}

/**
 * Behaviour every PubSub adapter must share. Call inside a describe; `open` must return a
 * pub/sub that reports handler failures to `logger` and hears no other test's channels.
 * Negative checks rely on delivery in publish order: a message published later arriving
 * proves an earlier one was not going to.
 */
export function pubSubContract(open: (logger: Pick<Logger, 'error'>) => PubSub): void {
  const failures: { err: unknown; channel: string }[] = [];
  const fresh = closesAfterEach(() => open({ error: (obj) => void failures.push(obj as { err: unknown; channel: string }) }));
  const channel = () => `ch-${randomUUID()}`;
  afterEach(() => {
    failures.length = 0;
  });

  it('delivers to every subscriber of the channel and to no one else', { timeout }, async () => {
    const pubsub = fresh();
    const [news, other] = [channel(), channel()];
    const [first, second, elsewhere] = [recorder(), recorder(), recorder()];
    await pubsub.subscribe(news, first.handler);
    await pubsub.subscribe(news, second.handler);
    await pubsub.subscribe(other, elsewhere.handler);
    await pubsub.publish(news, 'hello');
    await pubsub.publish(other, 'sentinel');
    await until(() => elsewhere.messages.length > 0 && first.messages.length > 0 && second.messages.length > 0, 'delivery');
    assert.deepEqual(first.messages, ['hello']);
    assert.deepEqual(second.messages, ['hello']);
    assert.deepEqual(elsewhere.messages, ['sentinel']);
  });

  it('carries messages as JSON, a separate copy for each handler', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    const seen = recorder();
    await pubsub.subscribe(ch, (message) => void (message as { tags: string[] }).tags.push('mutated'));
    await pubsub.subscribe(ch, seen.handler);
    await pubsub.publish(ch, { tags: ['a'], at: new Date(0), gone: undefined });
    await until(() => seen.messages.length === 1, 'delivery');
    assert.deepEqual(seen.messages, [{ tags: ['a'], at: '1970-01-01T00:00:00.000Z' }]);
  });

  it('delivers one publisher’s messages in order', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    const seen = recorder();
    await pubsub.subscribe(ch, seen.handler);
    const sent = Array.from({ length: 20 }, (_, i) => i);
    for (const n of sent) await pubsub.publish(ch, n);
    await until(() => seen.messages.length === sent.length, 'all messages');
    assert.deepEqual(seen.messages, sent);
  });

  it('never runs a handler inside the publish call', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    let publishing = false;
    const during: boolean[] = [];
    await pubsub.subscribe(ch, () => void during.push(publishing));
    publishing = true;
    const published = pubsub.publish(ch, 1);
    publishing = false;
    await published;
    await until(() => during.length === 1, 'delivery');
    assert.deepEqual(during, [false]);
  });

  it('stops delivering to a handler once it unsubscribes, and only to that handler', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    const [leaving, staying] = [recorder(), recorder()];
    const unsubscribe = await pubsub.subscribe(ch, leaving.handler);
    await pubsub.subscribe(ch, staying.handler);
    await pubsub.publish(ch, 'before');
    await until(() => leaving.messages.length === 1, 'first delivery');
    await unsubscribe();
    await unsubscribe();
    await pubsub.publish(ch, 'after');
    await until(() => staying.messages.length === 2, 'second delivery');
    assert.deepEqual(leaving.messages, ['before']);
    assert.deepEqual(staying.messages, ['before', 'after']);
  });

  it('treats the same function subscribed twice as two subscriptions', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    const seen = recorder();
    const unsubscribeOne = await pubsub.subscribe(ch, seen.handler);
    await pubsub.subscribe(ch, seen.handler);
    await pubsub.publish(ch, 'twice');
    await until(() => seen.messages.length === 2, 'two deliveries');
    await unsubscribeOne();
    await pubsub.publish(ch, 'once');
    await until(() => seen.messages.length === 3, 'third delivery');
    assert.deepEqual(seen.messages, ['twice', 'twice', 'once']);
  });

  it('keeps a failing handler from affecting the others, and reports the failure', { timeout }, async () => {
    const pubsub = fresh();
    const ch = channel();
    const seen = recorder();
    let thrown = 0;
    await pubsub.subscribe(ch, () => {
      thrown += 1;
      throw new Error('sync boom');
    });
    await pubsub.subscribe(ch, (async () => Promise.reject(new Error('async boom'))) as (message: unknown) => void);
    await pubsub.subscribe(ch, seen.handler);
    await pubsub.publish(ch, 1);
    await pubsub.publish(ch, 2);
    await until(() => seen.messages.length === 2 && failures.length === 4, 'deliveries and reports');
    assert.deepEqual(seen.messages, [1, 2]);
    assert.equal(thrown, 2);
    assert.deepEqual(failures.map((f) => [(f.err as Error).message, f.channel]).sort(), [
      ['async boom', ch], ['async boom', ch], ['sync boom', ch], ['sync boom', ch],
    ]);
  });

  it('accepts a message no one hears and rejects one without a JSON form', { timeout }, async () => {
    const pubsub = fresh();
    await pubsub.publish(channel(), { nobody: 'listening' });
    await assert.rejects(pubsub.publish(channel(), undefined), TypeError);
  });

  it('answers ping and closes', { timeout }, async () => {
    const pubsub = open({ error: () => undefined });
    await pubsub.subscribe(channel(), () => undefined);
    await pubsub.ping();
    await pubsub.close();
    await pubsub.close();
  });
}
