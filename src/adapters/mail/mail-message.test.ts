import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidFrom, assertValidMailMessage, isMailAddress } from './mail-message.ts';

describe('mail message checks', () => {
  it('accepts one plain address, including a local one', () => {
    for (const address of ['ana@example.test', 'a.b+tag@sub.example.test', 'root@localhost', 'jürgen@bücher.test']) {
      assert.ok(isMailAddress(address), address);
    }
  });

  it('refuses lists, names, whitespace, quoting and control characters in an address', () => {
    for (const address of ['a@x.test,b@x.test', 'a@x.test;b@x.test', 'A <a@x.test>', 'a @x.test', '"a"@x.test', 'a@x.test\u0000', 'a@@x.test', '@x.test', 'a@', `${'a'.repeat(65)}@x.test`]) {
      assert.ok(!isMailAddress(address), address);
    }
  });

  it('accepts the sender forms MAIL_FROM allows and refuses the rest', () => {
    assertValidFrom('Vitalis <no-reply@vitalis.local>');
    assertValidFrom('"Vitalis, Team A" <no-reply@vitalis.local>');
    assertValidFrom('no-reply@vitalis.local');
    for (const from of ['Vitalis', 'Vitalis <no-reply@vitalis.local>\nBcc: x@y.test', 'Vitalis <a@x.test, b@x.test>', '<>']) {
      assert.throws(() => assertValidFrom(from), /sender/, from);
    }
  });

  it('refuses an overlong subject and a non-UUID tenant', () => {
    const base = { to: 'a@x.test', subject: 'Hi', text: 'x' };
    assertValidMailMessage({ ...base, subject: 's'.repeat(998) });
    assert.throws(() => assertValidMailMessage({ ...base, subject: 's'.repeat(999) }), { code: 'validation_failed' });
    assert.throws(() => assertValidMailMessage({ ...base, subject: 'tab\there' }), { code: 'validation_failed' });
    assert.throws(() => assertValidMailMessage({ ...base, tenantId: 'team-a' }), { code: 'validation_failed' });
  });
});
