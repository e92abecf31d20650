import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AppleHealthDateParser, parseAppleHealthDate, parseTimeOfDay } from './dates.ts';

/** `2024-03-10 07:12:44 -0800` for an instant seen at an offset, written independently of the parser. */
function appleText(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${offset}`;
}

describe('Apple Health timestamps', () => {
  it('reads the export layout as a UTC instant and keeps the offset', () => {
    assert.deepEqual(parseAppleHealthDate('2024-03-10 07:12:44 -0800'), { instant: '2024-03-10T15:12:44.000Z', epochMs: Date.UTC(2024, 2, 10, 15, 12, 44), offsetMinutes: -480 });
    assert.deepEqual(parseAppleHealthDate('2024-03-10 03:30:00 -0700'), { instant: '2024-03-10T10:30:00.000Z', epochMs: Date.UTC(2024, 2, 10, 10, 30), offsetMinutes: -420 });
    assert.deepEqual(parseAppleHealthDate('2024-01-01 00:15:00 +0530'), { instant: '2023-12-31T18:45:00.000Z', epochMs: Date.UTC(2023, 11, 31, 18, 45), offsetMinutes: 330 });
    assert.deepEqual(parseAppleHealthDate('2024-06-01 12:00:00 +0000'), { instant: '2024-06-01T12:00:00.000Z', epochMs: Date.UTC(2024, 5, 1, 12), offsetMinutes: 0 });
    assert.equal(parseAppleHealthDate('2024-02-29 23:59:59 -1000')?.instant, '2024-03-01T09:59:59.000Z');
  });

  it('keeps the local day apart from the UTC day across a change of offset', () => {
    const beforeChange = parseAppleHealthDate('2024-03-10 01:50:00 -0800');
    const afterChange = parseAppleHealthDate('2024-03-10 03:30:00 -0700');
    assert.ok(beforeChange && afterChange);
    assert.equal((afterChange.epochMs - beforeChange.epochMs) / 60_000, 40);
    assert.equal(beforeChange.offsetMinutes, -480);
    assert.equal(afterChange.offsetMinutes, -420);
  });

  it('accepts the ISO spellings third-party writers use', () => {
    assert.equal(parseAppleHealthDate('2024-03-10T07:12:44-08:00')?.instant, '2024-03-10T15:12:44.000Z');
    assert.equal(parseAppleHealthDate('2024-03-10T15:12:44Z')?.offsetMinutes, 0);
    assert.equal(parseAppleHealthDate('2024-03-10 07:12 -0800')?.instant, '2024-03-10T15:12:00.000Z');
    assert.equal(parseAppleHealthDate('2024-03-10T07:12:44.250+01:00')?.instant, '2024-03-10T06:12:44.250Z');
  });

  it('refuses what is not a date', () => {
    for (const text of [
      '',
      'yesterday',
      '2024-13-10 07:12:44 -0800',
      '2024-02-30 07:12:44 -0800',
      '2023-02-29 07:12:44 -0800',
      '2024-03-10 24:00:00 -0800',
      '2024-03-10 07:60:44 -0800',
      '2024-03-10 07:12:60 -0800',
      '2024-03-10 07:12:44 -1500',
      '2024-03-10 07:12:44 -0860',
      '2024-03-10 07:12:44 *0800',
      '2024-03-1O 07:12:44 -0800',
      '2024-03-10 07:12:44',
      '2024/03/10 07:12:44 -0800',
      '2024-03-1\u0131 07:12:44 -0800',
    ]) {
      assert.equal(parseAppleHealthDate(text), undefined, text);
    }
  });

  it('agrees with Date for any instant and offset (through its caches, in any order)', () => {
    const parser = new AppleHealthDateParser();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 }), fc.integer({ min: -14 * 4, max: 14 * 4 })), { minLength: 1, maxLength: 40 }),
        (cases) => {
          for (const [seconds, quarters] of cases) {
            const epochMs = seconds * 1000;
            const offsetMinutes = quarters * 15;
            const parsed = parser.parse(appleText(epochMs, offsetMinutes));
            assert.deepEqual(parsed, { instant: new Date(epochMs).toISOString(), epochMs, offsetMinutes });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives equal timestamps one shared object', () => {
    const parser = new AppleHealthDateParser();
    const a = parser.parse('2024-03-10 07:12:44 -0800');
    const b = parser.parse('2024-03-10 07:12:44 -0800');
    assert.ok(a !== undefined && a === b);
    assert.notEqual(parser.parse('2024-03-10 08:12:44 -0700'), a, 'the same instant at another offset is another timestamp');
  });
});

describe('beat times of day', () => {
  it('reads 12- and 24-hour clocks with fractions', () => {
    assert.equal(parseTimeOfDay('11:14:07.12 PM'), ((23 * 60 + 14) * 60 + 7) * 1000 + 120);
    assert.equal(parseTimeOfDay('7:12:44.57 AM'), ((7 * 60 + 12) * 60 + 44) * 1000 + 570);
    assert.equal(parseTimeOfDay('12:00:01.00 AM'), 1000);
    assert.equal(parseTimeOfDay('12:30:00.00 PM'), 12.5 * 3_600_000);
    assert.equal(parseTimeOfDay('19:12:44,57'), ((19 * 60 + 12) * 60 + 44) * 1000 + 570);
    assert.equal(parseTimeOfDay('07:12:44'), ((7 * 60 + 12) * 60 + 44) * 1000);
    assert.equal(parseTimeOfDay('7:12:44.5 p.m.'), ((19 * 60 + 12) * 60 + 44) * 1000 + 500);
  });

  it('gives undefined for what it cannot read', () => {
    for (const text of ['', 'noon', '13:12:44.00 PM', '0:12:44 AM', '25:00:00', '7:61:00', '7:12']) assert.equal(parseTimeOfDay(text), undefined, text);
  });
});
