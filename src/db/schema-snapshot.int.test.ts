import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { freshDatabase } from '../../test/support/databases.ts';
import { describeSchema } from './describe-schema.ts';

describe('schema snapshot', () => {
  it('matches src/db/schema.snapshot.txt (after a deliberate change: npm run schema:snapshot)', async () => {
    const expected = await readFile(new URL('./schema.snapshot.txt', import.meta.url), 'utf8');
    const actual = await describeSchema(await freshDatabase('pglite'));
    assert.equal(actual, expected);
  });
});
