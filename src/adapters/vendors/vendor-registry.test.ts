import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VENDORS, isVendorId } from './vendor-registry.ts';

describe('VENDORS', () => {
  const deps = { clock: { now: () => new Date('2024-01-12T09:00:00Z') } };

  it('builds each adapter from its defaults, its id being its samples’ source', () => {
    for (const [id, entry] of Object.entries(VENDORS)) {
      const adapter = entry.create({ clientId: 'id', clientSecret: 'secret', redirectUri: 'https://vitalis.example/cb', ...entry.defaultUrls }, deps);
      assert.equal(adapter.vendor, id);
      assert.ok(adapter.resources.length > 0);
      assert.ok(isVendorId(id));
    }
    assert.equal(isVendorId('garmin'), false);
    assert.equal(isVendorId('toString'), false);
  });
});
