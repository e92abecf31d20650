import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAppleHealthDevice } from './device.ts';

describe('Apple Health device', () => {
  it('drops the memory address and keeps the fields', () => {
    const device = parseAppleHealthDevice('<<HKDevice: 0x283b1c3c0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1>');
    assert.deepEqual(device, {
      name: 'Apple Watch',
      manufacturer: 'Apple Inc.',
      model: 'Watch',
      hardware: 'Watch6,1',
      firmware: undefined,
      software: '9.1',
      localIdentifier: undefined,
      udiDeviceIdentifier: undefined,
      text: 'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:9.1',
    });
    assert.doesNotMatch(JSON.stringify(device), /0x/);
  });

  it('describes one device the same way whatever address it was printed at', () => {
    const a = parseAppleHealthDevice('<<HKDevice: 0x2834e1f40>, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone12,1, software:14.4>');
    const b = parseAppleHealthDevice('<<HKDevice: 0x280c8d9a0>, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone12,1, software:14.4>');
    assert.deepEqual(a, b);
  });

  it('reads third-party devices, values with commas and colons, and unknown keys', () => {
    const scale = parseAppleHealthDevice('<<HKDevice: 0x28125a2b0>, name:Body+, manufacturer:Withings, model:WBS05, hardware:5, firmware:1320, software:6.3.1, localIdentifier:00:24:e4:7a:10:3f, UDIDeviceIdentifier:(01)0123, battery:80>');
    assert.equal(scale?.name, 'Body+');
    assert.equal(scale?.firmware, '1320');
    assert.equal(scale?.localIdentifier, '00:24:e4:7a:10:3f');
    assert.equal(scale?.udiDeviceIdentifier, '(01)0123');
    assert.match(scale?.text ?? '', /battery:80$/);
  });

  it('takes a bare description as the name, and nothing as undefined', () => {
    assert.equal(parseAppleHealthDevice('Oura Ring Gen3')?.name, 'Oura Ring Gen3');
    assert.equal(parseAppleHealthDevice('   '), undefined);
    assert.equal(parseAppleHealthDevice('<<HKDevice: 0x283b1c3c0>>'), undefined);
  });
});
