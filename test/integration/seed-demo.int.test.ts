// `vitalis seed-demo`: a team whose athletes have simulated data, stored through the ingest
// pipeline like any source; a second run changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/app/tenancy/seed-demo.ts';
import { openApi, type ApiHarness } from '../support/api-harness.ts';

describe('seed-demo', () => {
  let api: ApiHarness;
  before(async () => {
    api = await openApi('pglite');
  });
  after(() => api?.close());

  it('gives each athlete days of simulated data, on their own local days, once', async () => {
    const first = await seedDemo(api.services.ingest, { days: 10 });
    assert.equal(first.created, true);
    assert.ok(first.samples > 5000, `${first.samples} samples`);

    const daysOf = (email: string, metric: string) =>
      api.services.tx.withSystem('test reads the demo data', async (sql) =>
        sql.query<{ date: string; value: number; status: string }>(
          `select d.local_date::text as date, d.value, d.status from daily_values d join users u on u.id = d.user_id
           where u.email = $1 and d.metric = $2 order by d.local_date`,
          [email, metric],
        ),
      );
    for (const email of ['ava@demo.vitalis.local', 'ben@demo.vitalis.local', 'chloe@demo.vitalis.local']) {
      const resting = await daysOf(email, 'resting_heart_rate');
      assert.ok(resting.length >= 9, `${email}: ${resting.length} days of resting heart rate`);
      for (const day of resting) assert.ok(day.value > 35 && day.value < 90, `${email} ${day.date}: resting HR ${day.value}`);
      assert.ok((await daysOf(email, 'steps')).length >= 10);
      assert.ok((await daysOf(email, 'sleep_stage')).length >= 9, `${email}: nights of sleep stages`);
    }
    assert.deepEqual(await daysOf('doctor@demo.vitalis.local', 'steps'), [], 'staff get no simulated data');

    const again = await seedDemo(api.services.ingest, { days: 10 });
    assert.deepEqual([again.created, again.samples], [false, 0]);
  });
});
