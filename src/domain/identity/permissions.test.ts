import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectivePermissions, permissionsOfRole } from './permissions.ts';

describe('permissions', () => {
  it('gives admins everything and members no management rights', () => {
    assert.ok(permissionsOfRole('admin').has('api-keys:manage'));
    assert.equal(permissionsOfRole('member').has('members:write'), false);
    assert.equal(permissionsOfRole('clinician').has('invitations:write'), false);
  });

  it("caps an API key at its creator's current role and drops unknown names", () => {
    assert.deepEqual([...effectivePermissions('member', ['samples:write', 'members:write', 'root'])], ['samples:write']);
    assert.deepEqual([...effectivePermissions('admin', ['members:write'])], ['members:write']);
  });
});
