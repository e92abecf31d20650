import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTag } from './journal-tags.ts';

describe('journal tags', () => {
  it('fold case, spaces and hyphens into one spelling', () => {
    for (const raw of ['Late meal', 'late-meal', '  LATE   MEAL ', 'late_meal']) assert.equal(normalizeTag(raw), 'late_meal', raw);
    assert.equal(normalizeTag('Sauna'), 'sauna');
    assert.equal(normalizeTag('Koffein nach 14 Uhr'), 'koffein_nach_14_uhr');
    assert.equal(normalizeTag('ｓａｕｎａ'), 'sauna', 'full-width letters are the same tag');
  });

  it('refuse what is left empty, punctuated or too long', () => {
    for (const raw of ['', '   ', '!!!', 'wine!', '🍷', 'x'.repeat(41)]) assert.equal(normalizeTag(raw), undefined, raw);
    assert.equal(normalizeTag('x'.repeat(40)), 'x'.repeat(40));
  });
});
