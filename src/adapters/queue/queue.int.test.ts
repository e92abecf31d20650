import { before } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { REDIS_URL, databaseKinds, freshPglite, freshPostgres } from '../../../test/support/databases.ts';
import { obliterateQueue } from '../../../test/fixtures/queue-redis.ts';
import { BullmqQueue } from './bullmq-queue.ts';
import { EmbeddedQueue } from './embedded-queue.ts';
import { queueContract, type QueueStorage } from './queue.contract.ts';

// The first PGlite of a file builds the template (initdb, seconds): keep that out of test timeouts.
before(async () => (await freshPglite()).close());

for (const kind of databaseKinds) {
  queueContract(`EmbeddedQueue on ${kind}`, async (): Promise<QueueStorage> => {
    // freshPostgres closes and drops its database after the file; a PGlite is ours to close.
    const db = kind === 'pglite' ? await freshPglite() : (await freshPostgres()).db;
    return {
      open: () => new EmbeddedQueue(db, { pollIntervalMs: 50 }),
      dispose: () => (kind === 'pglite' ? db.close() : Promise.resolve()),
    };
  });
}

queueContract(
  'BullmqQueue',
  async (): Promise<QueueStorage> => {
    const redisUrl = REDIS_URL as string;
    const queueName = `test-${uuidv7()}`;
    return {
      open: () => new BullmqQueue(redisUrl, { queueName }),
      dispose: () => obliterateQueue(redisUrl, queueName),
    };
  },
  REDIS_URL ? {} : { skip: 'REDIS_URL is not set' },
);

