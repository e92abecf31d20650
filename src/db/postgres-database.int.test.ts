import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshPostgres, POSTGRES_URL } from '../../test/support/databases.ts';

describe('PostgresDatabase', { skip: POSTGRES_URL ? false : 'DATABASE_URL is not set' }, () => {
  it('runs every connection without JIT, whose compile time dwarfs the reads it is tempted by', async () => {
    const { db } = await freshPostgres({ migrated: false });
    const settings = await Promise.all(
      [1, 2, 3, 4].map(() => db.transaction((sql) => sql.query<{ jit: string }>('show jit'))),
    );
    assert.deepEqual(settings.map((rows) => rows[0]?.jit), ['off', 'off', 'off', 'off']);
  });
});
