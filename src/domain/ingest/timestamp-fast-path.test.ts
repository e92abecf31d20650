import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTimestamp } from './timestamp.ts';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
/** Mostly what a part of a valid timestamp can be, sometimes a near miss. */
const part = (valid: fc.Arbitrary<string>, ...misses: string[]) => fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: fc.constantFrom(...misses), weight: 1 });
const twoDigits = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

/** Text shaped like the timestamps vendors send, and near misses of every part of it. */
const timestampLike = fc
  .tuple(
    part(fc.integer({ min: 1900, max: 2999 }).map(String), '1899', '3000', '20a4', '202'),
    part(fc.constant('-'), '/'),
    part(twoDigits(1, 12), '00', '13', '1'),
    part(twoDigits(1, 28), '00', '29', '31', '32', 'x1'),
    fc.option(
      fc.tuple(
        part(fc.constantFrom('T', ' '), 't', '_'),
        part(twoDigits(0, 23), '24', '7'),
        part(fc.constant(':'), ''),
        part(twoDigits(0, 59), '60'),
        fc.option(fc.tuple(part(fc.constant(':'), '.'), part(twoDigits(0, 59), '60'), fc.option(fc.tuple(part(fc.constant('.'), ','), part(digits(3), '', '1', '12', '1234', '123456789', '1234567890'))))),
        part(fc.constantFrom('', ' '), '  ', '\t'),
        fc.option(part(fc.constantFrom('Z', '+01:00', '-0700', '+05', '+14:00', '-00:00', '+05:45'), 'z', '+15:00', '+01:0', '+1:00', '+0160', 'ZZ', '+01:00 ')),
      ),
    ),
    part(fc.constant(''), ' ', '\n'),
  )
  .map(([year, dash, month, day, time, tail]) => {
    let text = `${year}${dash}${month}-${day}`;
    if (time) {
      const [separator, hour, colon, minute, seconds, space, zone] = time;
      text += `${separator}${hour}${colon}${minute}`;
      if (seconds) text += `${seconds[0]}${seconds[1]}${seconds[2] ? `${seconds[2][0]}${seconds[2][1]}` : ''}`;
      if (zone) text += `${space}${zone}`;
    }
    return text + tail;
  });

describe('parseTimestamp fast path', () => {
  it('reads every text as the pattern does (a leading space always takes the pattern)', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (text) => {
        const fast = parseTimestamp(text);
        const pattern = parseTimestamp(` ${text}`);
        assert.equal(fast.ok, pattern.ok, text);
        if (fast.ok && pattern.ok) assert.deepEqual(fast.value, pattern.value, text);
      }),
      { numRuns: 50_000 },
    );
  });

  it('agrees with Date.parse on instants in the common shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2999, 11, 30) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offset) => {
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const parsed = parseTimestamp(`${wall}${zone}`);
        assert.ok(parsed.ok && parsed.value.kind === 'instant');
        assert.equal(parsed.value.utcMs, ms);
      }),
      { numRuns: 5000 },
    );
  });
});
