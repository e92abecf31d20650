/**
 * Starts `work` on each item as the items come, with at most `limit` started and not yet
 * finished, and hands the results to `finish` in the order the items came (whatever order the
 * work completes in). Items are not kept: what `finish` needs, `work` returns. On a failure —
 * of the items, of a piece of work or of `finish` — nothing new starts; the work already
 * started is awaited and finished where it succeeded (it may have committed), then the first
 * error is thrown.
 */
export async function pipelineInOrder<T, R>(
  items: AsyncIterable<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  finish: (result: R) => Promise<void>,
): Promise<void> {
  const started: Array<Promise<R>> = [];
  const finishOldest = async () => finish(await started.shift()!);
  try {
    let index = 0;
    for await (const item of items) {
      const result = work(item, index++);
      // Awaited in its turn; until then a failure must not count as unhandled.
      result.catch(() => undefined);
      started.push(result);
      if (started.length >= limit) await finishOldest();
    }
    while (started.length > 0) await finishOldest();
  } catch (error) {
    while (started.length > 0) await finishOldest().catch(() => undefined);
    throw error;
  }
}
