import { afterEach } from 'node:test';

/**
 * Wraps a contract suite's `open`: everything it opens during a test is closed after that
 * test, so each case gets fresh adapters and no connection outlives it.
 */
export function closesAfterEach<T extends { close(): Promise<void> }>(open: () => T): () => T {
  const opened: T[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close()));
  });
  return () => {
    const adapter = open();
    opened.push(adapter);
    return adapter;
  };
}
