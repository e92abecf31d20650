import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InProcessPubSub } from './memory-pubsub.ts';

describe('InProcessPubSub', () => {
  it('delivers only after the publisher has carried on', async () => {
    const pubsub = new InProcessPubSub();
    const order: string[] = [];
    await pubsub.subscribe('ch', () => void order.push('handler'));
    await pubsub.publish('ch', 1);
    order.push('publisher');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, ['publisher', 'handler']);
  });

  it('keeps separate instances apart, as separate processes would be', async () => {
    const [a, b] = [new InProcessPubSub(), new InProcessPubSub()];
    const heard: unknown[] = [];
    await b.subscribe('ch', (message) => void heard.push(message));
    await a.publish('ch', 'from a');
    await b.publish('ch', 'from b');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(heard, ['from b']);
  });
});
