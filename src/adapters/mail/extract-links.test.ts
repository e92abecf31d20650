import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractLinks } from './extract-links.ts';

describe('extractLinks', () => {
  it('finds http and https URLs in text, without sentence punctuation', () => {
    const text = 'Confirm at https://vitalis.test/confirm?token=abc&next=%2Fhome.\nOr (see http://docs.vitalis.test/help), then go!';
    assert.deepEqual(extractLinks(text), ['https://vitalis.test/confirm?token=abc&next=%2Fhome', 'http://docs.vitalis.test/help']);
  });

  it('reads href attributes and decodes &amp; in html', () => {
    const html = '<p><a href="https://vitalis.test/invite?t=1&amp;tenant=team-a">Join</a> <a href=\'https://vitalis.test/x\'>x</a></p>';
    assert.deepEqual(extractLinks('', html), ['https://vitalis.test/invite?t=1&tenant=team-a', 'https://vitalis.test/x']);
  });

  it('lists each link once, text first, and keeps balanced brackets', () => {
    const text = 'https://en.wikipedia.test/wiki/Sleep_(physiology) and https://vitalis.test/a';
    const html = '<a href="https://vitalis.test/a">a</a> https://vitalis.test/b';
    assert.deepEqual(extractLinks(text, html), [
      'https://en.wikipedia.test/wiki/Sleep_(physiology)',
      'https://vitalis.test/a',
      'https://vitalis.test/b',
    ]);
  });

  it('ignores other schemes and things that only look like URLs', () => {
    assert.deepEqual(extractLinks('mailto:a@b.test ftp://files.test javascript:alert(1) https:// http://'), []);
    assert.deepEqual(extractLinks('no links here'), []);
  });

  it('matches the scheme case-insensitively', () => {
    assert.deepEqual(extractLinks('HTTPS://Vitalis.test/Path'), ['HTTPS://Vitalis.test/Path']);
  });
});
