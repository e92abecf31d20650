import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pipelineInOrder } from './pipeline-in-order.ts';

/** Items 0..n-1; the reader fails when item `failAt` is asked for. */
async function* numbers(n: number, failAt?: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i += 1) {
    if (i === failAt) throw new Error('the reader failed');
    yield i;
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that completes in reverse order of start within each window, recording the most ever unfinished. */
function tracked() {
  let running = 0;
  const seen = { most: 0, started: [] as number[], finished: [] as number[] };
  const work = async (item: number, index: number) => {
    assert.equal(item, index);
    seen.started.push(item);
    running += 1;
    seen.most = Math.max(seen.most, running);
    await tick(10 - (item % 5) * 2);
    running -= 1;
    if (item === 13) throw new Error('batch 13 failed');
    return item;
  };
  const finish = async (item: number) => {
    seen.finished.push(item);
  };
  return { seen, work, finish };
}

describe('pipelineInOrder', () => {
  it('keeps at most `limit` pieces of work unfinished and finishes them in the order the items came', async () => {
    const { seen, work, finish } = tracked();
    await pipelineInOrder(numbers(12), 3, work, finish);
    assert.equal(seen.most, 3);
    assert.deepEqual(seen.finished, [...Array(12).keys()]);
  });

  it('when the items fail, finishes the work already started, then throws', async () => {
    const { seen, work, finish } = tracked();
    await assert.rejects(pipelineInOrder(numbers(12, 7), 3, work, finish), /the reader failed/);
    assert.deepEqual(seen.started, [...Array(7).keys()]);
    assert.deepEqual(seen.finished, [...Array(7).keys()]);
  });

  it('when a piece of work fails, starts nothing more, finishes the others started and throws its error', async () => {
    const { seen, work, finish } = tracked();
    await assert.rejects(pipelineInOrder(numbers(30), 4, work, finish), /batch 13 failed/);
    // With 4 in flight, item 13's turn to finish comes once item 16 has started.
    assert.deepEqual(seen.started, [...Array(17).keys()]);
    assert.deepEqual(seen.finished, [...[...Array(13).keys()], 14, 15, 16]);
  });
});
