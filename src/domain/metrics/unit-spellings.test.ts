import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveUnit } from './unit-spellings.ts';

const code = (spelling: string) => {
  const result = resolveUnit(spelling);
  return result.ok ? result.unit.code : `refused: ${result.reason}`;
};

describe('resolveUnit', () => {
  it('maps UCUM codes to themselves and common spellings to UCUM', () => {
    assert.equal(code('kg'), 'kg');
    assert.equal(code('lb'), '[lb_av]');
    assert.equal(code('degF'), '[degF]');
    assert.equal(code('count/min'), '/min');
    assert.equal(code('mg/dL'), 'mg/dL');
    assert.equal(code('%'), '%');
    assert.equal(code('ms'), 'ms');
    assert.equal(code(' kcal '), 'kcal');
  });

  it('tolerates case where no two units collide', () => {
    assert.equal(code('KG'), 'kg');
    assert.equal(code('MG/DL'), 'mg/dL');
    assert.equal(code('mmol/l'), 'mmol/L');
    assert.equal(code('ml'), 'mL');
    assert.equal(code('BPM'), '/min');
  });

  it('refuses what it cannot be sure of', () => {
    assert.match(code('cal'), /refused: ambiguous/);
    assert.match(code('Cal.'), /refused: unknown/);
    assert.match(code('cups'), /refused: unknown/);
    assert.match(code(''), /refused/);
    assert.match(code('constructor'), /refused/);
    assert.equal(code('Cal'), 'kcal');
  });
});
