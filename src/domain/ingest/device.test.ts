import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeDevice } from './device.ts';

describe('normalizeDevice', () => {
  it("strips Apple Health's memory address and brackets, keeping the descriptive fields", () => {
    assert.equal(
      normalizeDevice('<<HKDevice: 0x283b1c3c0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1>'),
      'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1',
    );
  });

  it('gives one device for the same watch printed at two addresses', () => {
    const a = normalizeDevice('<<HKDevice: 0x2834e1f40>, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone12,1, software:14.4>');
    const b = normalizeDevice('<<HKDevice: 0x280c8d9a0>, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone12,1, software:14.4>');
    assert.equal(a, b);
  });

  it('leaves other device strings alone apart from whitespace, and drops empty ones', () => {
    assert.equal(normalizeDevice('  Oura  Ring Gen3 '), 'Oura Ring Gen3');
    assert.equal(normalizeDevice('Charge 2'), 'Charge 2');
    assert.equal(normalizeDevice('   '), undefined);
    assert.equal(normalizeDevice('<<HKDevice: 0xabc123>>'), undefined);
  });
});
