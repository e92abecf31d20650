import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesSearch, searchWords } from './search-words.ts';

describe('journal search words', () => {
  it('are runs of letters and digits with case and accents folded', () => {
    assert.deepEqual(searchWords('Café with Anna — 10km RUN!'), ['cafe', 'with', 'anna', '10km', 'run']);
    assert.deepEqual(searchWords('late_meal, Größe, naïve'), ['late', 'meal', 'große', 'naive']);
    assert.deepEqual(searchWords('Ωμέγα 睡眠'), ['ωμεγα', '睡眠']);
    assert.deepEqual(searchWords('  !!! 😴 '), []);
  });

  it('match when every query word begins some word of the text', () => {
    const text = searchWords('Sauna after a long run, then running errands');
    assert.equal(matchesSearch(text, ['run']), true);
    assert.equal(matchesSearch(text, ['sau', 'err']), true);
    assert.equal(matchesSearch(text, ['una']), false, 'a prefix, not any substring');
    assert.equal(matchesSearch(text, ['sauna', 'marathon']), false, 'all words must match');
    assert.equal(matchesSearch([], ['run']), false);
  });
});
