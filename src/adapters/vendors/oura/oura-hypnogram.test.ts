import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hypnogramStages } from './oura-hypnogram.ts';

const START = Date.parse('2024-01-10T04:10:00Z');
const at = (minutes: number) => START + minutes * 60_000;

describe('hypnogramStages', () => {
  it('turns each run of one phase into one interval, five minutes a character', () => {
    assert.deepEqual(hypnogramStages('4422211334', START), [
      { stage: 'awake', startMs: at(0), endMs: at(10) },
      { stage: 'light', startMs: at(10), endMs: at(25) },
      { stage: 'deep', startMs: at(25), endMs: at(35) },
      { stage: 'rem', startMs: at(35), endMs: at(45) },
      { stage: 'awake', startMs: at(45), endMs: at(50) },
    ]);
  });

  it('leaves a gap for a phase Oura does not document instead of guessing one', () => {
    assert.deepEqual(hypnogramStages('22x1', START), [
      { stage: 'light', startMs: at(0), endMs: at(10) },
      { stage: 'deep', startMs: at(15), endMs: at(20) },
    ]);
  });

  it('gives nothing for an empty hypnogram and one interval for one character', () => {
    assert.deepEqual(hypnogramStages('', START), []);
    assert.deepEqual(hypnogramStages('3', START), [{ stage: 'rem', startMs: at(0), endMs: at(5) }]);
  });
});
