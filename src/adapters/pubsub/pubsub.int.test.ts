import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../../test/support/databases.ts';
import { InProcessPubSub } from './memory-pubsub.ts';
import { pubSubContract, recorder, until } from './pubsub.contract.ts';
import { RedisPubSub } from './redis-pubsub.ts';

const testPrefix = () => `vitalis-test:${randomUUID()}:`;
const timeout = 5_000;

describe('InProcessPubSub', () => {
  pubSubContract((logger) => new InProcessPubSub({ logger }));
});

describe('RedisPubSub', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, () => {
  const url = REDIS_URL ?? '';
  pubSubContract((logger) => new RedisPubSub(url, { prefix: testPrefix(), logger }));

  const node = (prefix: string) => {
    const pubsub = new RedisPubSub(url, { prefix });
    after(() => pubsub.close());
    return pubsub;
  };

  it('lets nodes sharing a prefix hear each other, and no node of another prefix', { timeout }, async () => {
    const prefix = testPrefix();
    const [nodeA, nodeB, stranger] = [node(prefix), node(prefix), node(testPrefix())];
    const [heardByA, heardByB, heardByStranger] = [recorder(), recorder(), recorder()];
    await nodeA.subscribe('alerts', heardByA.handler);
    await nodeB.subscribe('alerts', heardByB.handler);
    await stranger.subscribe('alerts', heardByStranger.handler);
    await nodeA.publish('alerts', 'from A');
    await nodeB.publish('alerts', 'from B');
    await stranger.publish('alerts', 'sentinel');
    await until(() => heardByA.messages.length === 2 && heardByB.messages.length === 2 && heardByStranger.messages.length === 1, 'delivery');
    assert.deepEqual(heardByA.messages, ['from A', 'from B']);
    assert.deepEqual(heardByB.messages, ['from A', 'from B']);
    assert.deepEqual(heardByStranger.messages, ['sentinel']);
  });

  it('holds one Redis subscription per channel and drops it with the last handler', { timeout }, async () => {
    const prefix = testPrefix();
    const pubsub = node(prefix);
    const observer = new Redis(url);
    after(() => observer.quit());
    const subscribers = async () => {
      const reply = (await observer.pubsub('NUMSUB', `${prefix}alerts`)) as [string, number];
      return Number(reply[1]);
    };
    const first = await pubsub.subscribe('alerts', () => undefined);
    const second = await pubsub.subscribe('alerts', () => undefined);
    assert.equal(await subscribers(), 1);
    await first();
    assert.equal(await subscribers(), 1);
    await second();
    assert.equal(await subscribers(), 0);
  });
});
