import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activitySummary, hrvRecord, workoutRecord } from './testing/records.ts';
import { AppleHealthSampleMapper } from './to-raw-samples.ts';

describe('AppleHealthSampleMapper', () => {
  it('stores a workout as one workout interval', () => {
    const mapped = new AppleHealthSampleMapper().map(workoutRecord('2024-03-09 07:31:10 -0800', '2024-03-09 08:05:35 -0800'));
    assert.deepEqual(mapped.samples.map((s) => [s.metric, s.value]), [['workout', 'running']]);
    assert.equal(mapped.skipped, undefined);
  });

  it('keeps an HRV value’s beat-to-beat series with it', () => {
    const [sample] = new AppleHealthSampleMapper().map(hrvRecord('2024-03-09 23:14:05 -0800', '2024-03-09 23:15:06 -0800', ['11:14:07.12 PM'])).samples;
    assert.equal(sample?.metric, 'hrv_sdnn');
    assert.deepEqual(sample?.details, { beats: [{ t: '2024-03-10T07:14:07.120Z', bpm: 60 }] });
  });

  it('keeps the HRV value but reports a series it cannot place', () => {
    const mapped = new AppleHealthSampleMapper().map(hrvRecord('2024-03-09 23:14:05 -0800', '2024-03-09 23:15:06 -0800', ['later']));
    assert.equal(mapped.samples[0]?.value, 41.5);
    assert.equal(mapped.samples[0]?.details, undefined);
    assert.match(mapped.skipped?.reason ?? '', /beat-to-beat series left out, "later" is not a time of day/);
  });

  it('reports ActivitySummary once, as repeating what the Records hold', () => {
    const mapper = new AppleHealthSampleMapper();
    const first = mapper.map(activitySummary(40, '2024-03-09'));
    assert.deepEqual(first.samples, []);
    assert.equal(first.skipped?.line, 40);
    assert.match(first.skipped?.reason ?? '', /^ActivitySummary: .*stored from those Records/);
    assert.deepEqual(mapper.map(activitySummary(41, '2024-03-10')), { samples: [] });
  });
});
