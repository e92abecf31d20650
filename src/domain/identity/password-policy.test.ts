import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem } from './password-policy.ts';

const context = { email: 'ava.lindqvist@example.org', commonPasswords: new Set(['correcthorsebatterystaple', 'password1234']) };

describe('password policy', () => {
  it('accepts a long, uncommon passphrase of any composition, up to 256 characters', () => {
    assert.equal(passwordProblem('tidal granite overture 19', context), undefined);
    assert.equal(passwordProblem('ü'.repeat(10) + 'ab€d' + 'x'.repeat(242), context), undefined);
  });

  it('refuses short, common, self-naming and repetitive passwords with a reason', () => {
    assert.match(passwordProblem('short1!', context)!, /at least 12/);
    assert.match(passwordProblem('CorrectHorseBatteryStaple', context)!, /too common/);
    assert.match(passwordProblem('ava.lindqvist-2026!', context)!, /email/);
    assert.match(passwordProblem('aaaaaaaaaaaaaaaa', context)!, /different characters/);
    assert.match(passwordProblem('x'.repeat(257), context)!, /at most 256/);
  });
});
