import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromBullmqId, toBullmqId } from './bullmq-job-id.ts';

describe('BullMQ job ids', () => {
  it('round-trips any string and never yields a colon or an integer', () => {
    for (const id of ['normalize:0193', 'a:b:c', '42', '-7', '007', '%3A', '100%', 'plain-id', 'ünï:cødé', ':', '%']) {
      const mapped = toBullmqId(id);
      assert.ok(!mapped.includes(':'), mapped);
      assert.notEqual(`${parseInt(mapped, 10)}`, mapped);
      assert.equal(fromBullmqId(mapped), id);
    }
  });

  it('keeps ids that BullMQ accepts as they are', () => {
    assert.equal(toBullmqId('raw-0193-abc'), 'raw-0193-abc');
    assert.equal(fromBullmqId('17'), '17');
  });

  it('maps distinct ids to distinct ids', () => {
    const ids = ['a:b', 'a%3Ab', 'a%253Ab', '1', '%31'];
    assert.equal(new Set(ids.map(toBullmqId)).size, ids.length);
  });
});
