import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addHours, formatTableTimestamp, parseTableTimestamp, type DateOrder } from './dates.ts';

function start(text: string, order?: DateOrder): string {
  const parsed = parseTableTimestamp(text, order);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.reason}`);
  return formatTableTimestamp(parsed.value);
}

function reason(text: string, order?: DateOrder): string {
  const parsed = parseTableTimestamp(text, order);
  assert.ok(!parsed.ok, `${text} should not parse`);
  return parsed.reason;
}

describe('table dates', () => {
  it('reads the Fitabase formats, month first', () => {
    assert.equal(start('4/12/16', 'mdy'), '2016-04-12');
    assert.equal(start('4/12/2016', 'mdy'), '2016-04-12');
    assert.equal(start('4/12/2016 0:00', 'mdy'), '2016-04-12T00:00:00');
    assert.equal(start('4/12/16 13:00', 'mdy'), '2016-04-12T13:00:00');
    assert.equal(start('4/12/2016 12:00:00 AM', 'mdy'), '2016-04-12T00:00:00');
    assert.equal(start('4/12/2016 12:00:00 PM', 'mdy'), '2016-04-12T12:00:00');
    assert.equal(start('5/2/2016 11:59:59 PM', 'mdy'), '2016-05-02T23:59:59');
    assert.equal(start('4/13/2016 1:08:52 AM', 'mdy'), '2016-04-13T01:08:52');
    assert.equal(start('4/13/2016 1:08 pm', 'mdy'), '2016-04-13T13:08:00');
    assert.equal(start('4/13/2016 1:08 p.m.', 'mdy'), '2016-04-13T13:08:00');
    assert.equal(start('12/31/2016 11:00 PM', 'mdy'), '2016-12-31T23:00:00');
  });

  it('reads day first when told, and dots always as day.month.year', () => {
    assert.equal(start('4/12/2016', 'dmy'), '2016-12-04');
    assert.equal(start('13-04-2016', 'dmy'), '2016-04-13');
    assert.equal(start('13.4.2016'), '2016-04-13');
    assert.equal(start('13.04.2016 07:30', 'mdy'), '2016-04-13T07:30:00');
  });

  it('reads ISO dates, local date-times and offsets', () => {
    assert.equal(start('2016-04-12'), '2016-04-12');
    assert.equal(start('2016/4/12'), '2016-04-12');
    assert.equal(start('2016-04-12T07:05'), '2016-04-12T07:05:00');
    assert.equal(start('2016-04-12 07:05:09.5'), '2016-04-12T07:05:09.500');
    assert.equal(start('2016-04-12T07:05:09Z'), '2016-04-12T07:05:09Z');
    assert.equal(start('2016-04-12T07:05:09+02:00'), '2016-04-12T07:05:09+02:00');
    assert.equal(start('2016-04-12 07:05:09 -0700'), '2016-04-12T07:05:09-07:00');
    assert.equal(start('  2016-04-12  '), '2016-04-12');
  });

  it('refuses a year-last date without an order instead of guessing', () => {
    const parsed = parseTableTimestamp('4/12/2016');
    assert.ok(!parsed.ok);
    assert.equal(parsed.ambiguousOrder, true);
    assert.match(parsed.reason, /cannot tell day from month/);
    // Even when one reading is impossible: the file's order is what is unknown.
    assert.equal(parseTableTimestamp('13/4/2016').ok, false);
  });

  it('refuses impossible dates and times with the value in the reason', () => {
    assert.match(reason('2/30/2016', 'mdy'), /no such date: '2\/30\/2016'/);
    assert.match(reason('2/29/2015', 'mdy'), /no such date/);
    assert.equal(start('2/29/2016', 'mdy'), '2016-02-29');
    assert.match(reason('13/1/2016', 'mdy'), /no such date/);
    assert.match(reason('4/12/2016 24:00', 'mdy'), /no such time/);
    assert.match(reason('4/12/2016 13:00 PM', 'mdy'), /no such time/);
    assert.match(reason('4/12/2016 0:00 AM', 'mdy'), /no such time/);
    assert.match(reason('4/12/2016 7:61', 'mdy'), /no such time/);
    assert.match(reason('4/12/2016 noon', 'mdy'), /unreadable time/);
    assert.match(reason('2016-04-12T07:00+15:00'), /bad UTC offset/);
    assert.match(reason('1850-01-01'), /outside 1900-2999/);
    assert.match(reason('yesterday'), /'yesterday' is not a date/);
    assert.match(reason(''), /is not a date/);
  });

  it('reads two-digit years as 2000-2099', () => {
    assert.equal(start('1/2/99', 'mdy'), '2099-01-02');
    assert.equal(start('1/2/08', 'mdy'), '2008-01-02');
  });

  it('adds hours on the calendar, across midnight, month and year ends', () => {
    assert.equal(addHours('2016-04-12T23:00:00', 1), '2016-04-13T00:00:00');
    assert.equal(addHours('2016-04-30T23:00:00', 1), '2016-05-01T00:00:00');
    assert.equal(addHours('2016-12-31T23:00:00', 1), '2017-01-01T00:00:00');
    assert.equal(addHours('2016-02-28T23:00:00', 1), '2016-02-29T00:00:00');
  });
});
