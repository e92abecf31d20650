// Insight counts the person's local days: a day that changes the clocks is one day of 23 or 25
// hours, and a reading taken while travelling counts on the date of the place it was taken.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type * as c from '../../../src/contracts/insight.ts';
import { openApi, type ApiHarness } from '../../support/api-harness.ts';
import { getJson, type Caller } from '../ingest/ingest-helpers.ts';
import { daysAgo, flavours, person, store, today } from './insight-helpers.ts';

type Trend = z.infer<typeof c.trendResponse>;

const HOUR_MS = 3_600_000;
const BERLIN = 'Europe/Berlin';

/** Berlin's offset at an instant, as `+01:00` or `+02:00`. */
function berlinOffset(utcMs: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: BERLIN, timeZoneName: 'longOffset' }).formatToParts(utcMs).find((p) => p.type === 'timeZoneName')!.value;
  return name.replace('GMT', '') || '+00:00';
}

/** The instant of Berlin's local midnight starting `date`: the UTC midnight less the offset then in force. */
function berlinMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const [, sign, hours, minutes] = /([+-])(\d\d):(\d\d)/.exec(berlinOffset(utcMidnight - 2 * HOUR_MS))!;
  return utcMidnight - (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

/** `utcMs` written in Berlin's wall-clock time with its offset, as a device there would. */
function inBerlin(utcMs: number): string {
  const offset = berlinOffset(utcMs);
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(utcMs + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
}

/** The latest date before yesterday whose Berlin day is not 24 hours long (its next day is over too). */
function lastClockChange(): string {
  for (let n = 2; n < 366; n++) {
    const date = daysAgo(n);
    if (berlinMidnight(daysAgo(n - 1)) - berlinMidnight(date) !== 24 * HOUR_MS) return date;
  }
  throw new Error('Berlin changed no clocks in a year');
}

for (const flavour of flavours) {
  describe(`local days in insight on ${flavour.name}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(flavour.kind, flavour.env);
    });
    after(() => api.close());

    const trend = (caller: Caller, window: string) => getJson<Trend>(api, caller, `/api/v1/trends?metric=steps&window=${window}`);

    it('counts a day that changes the clocks once, with its 23 or 25 hours', async () => {
      const someone = await person(api, 'dst');
      const me: Caller = { token: someone.token };
      assert.equal((await api.call('PUT', '/api/v1/me/time-zone', { token: me.token, body: { timeZone: BERLIN } })).statusCode, 200);
      const change = lastClockChange();
      const days = [daysAgo(1, change), change, daysAgo(-1, change)];
      // 100 steps in every hour of the three local days, each sent with the offset in force then.
      const from = berlinMidnight(days[0]!);
      const to = berlinMidnight(daysAgo(-2, change));
      const hours = Array.from({ length: (to - from) / HOUR_MS }, (_, h) => from + h * HOUR_MS);
      await store(api, me, hours.map((at) => ({ metric: 'steps', value: 100, unit: 'count', start: inBerlin(at), end: inBerlin(at + HOUR_MS), source: 'Test Watch' })));

      const year = await trend(me, '1y');
      const valueOn = (date: string) => year.days.find((d) => d.date === date)?.value;
      const hoursOf = (date: string) => (berlinMidnight(daysAgo(-1, date)) - berlinMidnight(date)) / HOUR_MS;
      assert.ok([23, 25].includes(hoursOf(change)), `${change} has ${hoursOf(change)} hours`);
      assert.deepEqual(days.map(valueOn), days.map((date) => 100 * hoursOf(date)));
      assert.equal(year.days.filter((d) => d.state === 'ok').length, 3, 'no day split in two, none lost');
      const streaks = await getJson<z.infer<typeof c.streaksResponse>>(api, me, '/api/v1/streaks');
      assert.equal(streaks.longest?.days, 3);
    });

    it('puts a reading taken while travelling on the date where it was taken', async () => {
      const me: Caller = { token: (await person(api, 'travel')).token };
      // An evening walk in New York (UTC-4) is the next morning in UTC and in Berlin.
      const walk = daysAgo(3);
      await store(api, me, [
        { metric: 'steps', value: 4000, unit: 'count', start: `${walk}T21:30:00-04:00`, end: `${walk}T22:30:00-04:00`, source: 'Phone' },
        { metric: 'steps', value: 1500, unit: 'count', start: `${daysAgo(1)}T08:00:00+09:00`, end: `${daysAgo(1)}T09:00:00+09:00`, source: 'Phone' },
      ]);
      const week = await trend(me, '7d');
      const valueOn = (date: string) => week.days.find((d) => d.date === date)?.value ?? null;
      assert.equal(valueOn(walk), 4000);
      assert.equal(valueOn(daysAgo(2)), null, 'not on the UTC date');
      assert.equal(valueOn(daysAgo(1)), 1500, 'a Tokyo morning is the previous UTC evening, still the Tokyo date');
      assert.ok(week.days.some((d) => d.date === today()));
    });
  });
}
