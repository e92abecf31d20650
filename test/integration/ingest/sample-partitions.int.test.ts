// Monthly partitions of samples, made on demand by the write path: rows of the month already
// in the DEFAULT partition move in, old months stay in DEFAULT, and each partition passes the
// same catalog gates as every table (RLS forced, a policy per command, no grant to the app).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { createSamplePartitions } from '../../../src/db/sample-partitions.ts';
import { createTransactions } from '../../../src/db/with-tenant.ts';
import { databaseKinds, freshDatabase } from '../../support/databases.ts';
import { catalogViolations } from '../isolation/catalog-checks.ts';
import { insertParty } from '../isolation/fixtures.ts';

for (const kind of databaseKinds) {
  describe(`sample partitions on ${kind}`, () => {
    it('adds a month on demand, moving its rows out of DEFAULT; leaves months before 2000 in DEFAULT', async () => {
      const db = await freshDatabase(kind);
      const systemLog: string[] = [];
      const tx = createTransactions(db, (reason) => systemLog.push(reason));
      const party = await tx.withSystem('test: a tenant', (sql) => insertParty(sql, 'partitions'));
      const insert = (start: string) =>
        tx.withTenant({ tenantId: party.tenantId, userId: party.users.member }, (sql) =>
          sql.query(
            `insert into samples (tenant_id, user_id, metric, source, start_at, end_at, value, utc_offset_minutes, local_date, raw_id)
             values ($1, $2, 'weight', 'Scale', $3, $3, 70, 0, $4, $5)`,
            [party.tenantId, party.users.member, start, start.slice(0, 10), uuidv7()],
          ),
        );
      await insert('2023-05-17T07:00:00Z');
      await insert('1999-12-31T07:00:00Z');
      const where = () =>
        tx.withSystem('test: where rows are', (sql) =>
          sql.query<{ partition: string; start: string }>(
            `select tableoid::regclass::text as partition, to_char(start_at at time zone 'UTC', 'YYYY-MM-DD') as start from samples order by start_at`,
          ),
        );
      assert.deepEqual(await where(), [
        { partition: 'samples_default', start: '1999-12-31' },
        { partition: 'samples_default', start: '2023-05-17' },
      ]);

      const partitions = createSamplePartitions(tx);
      await partitions.ensure(['2023-05', '1999-12', '2023-05']);
      assert.deepEqual(await where(), [
        { partition: 'samples_default', start: '1999-12-31' },
        { partition: 'samples_y2023m05', start: '2023-05-17' },
      ]);
      assert.equal(systemLog.filter((r) => r.includes('partitions of samples')).length, 1);
      // Known months cost nothing more; another instance finds the partition there and keeps going.
      await partitions.ensure(['2023-05']);
      assert.equal(systemLog.filter((r) => r.includes('partitions of samples')).length, 1);
      await createSamplePartitions(tx).ensure(['2023-05']);
      await insert('2023-05-18T07:00:00Z');
      assert.equal((await where()).filter((r) => r.partition === 'samples_y2023m05').length, 2);

      const violations = await tx.withSystem('test: catalog gates', (sql) => catalogViolations(sql));
      assert.deepEqual(violations, []);
      await assert.rejects(
        tx.withTenant({ tenantId: party.tenantId, userId: party.users.member }, (sql) => sql.query('select * from samples_y2023m05')),
        /permission denied/,
      );
      const own = await tx.withTenant({ tenantId: party.tenantId, userId: party.users.member }, (sql) => sql.query('select 1 from samples'));
      assert.equal(own.length, 3);
    });
  });
}
