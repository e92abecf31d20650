import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newApiKey, newApiKeyPrefix } from './api-key-format.ts';

/** Hands out the given tokens in turn. */
function scripted(...tokens: string[]) {
  const asked: Array<number | undefined> = [];
  return {
    asked,
    token(bytes?: number) {
      asked.push(bytes);
      const next = tokens.shift();
      if (next === undefined) throw new Error('no more tokens');
      return next;
    },
  };
}

describe('API key format', () => {
  it('draws a 12-character [a-z0-9] prefix, lower-casing and skipping what does not fit, across as many tokens as it takes', () => {
    assert.equal(newApiKeyPrefix(scripted('AB-_cd', '__E9', 'f0g1H2i3j4k5')), 'abcde9f0g1h2');
    assert.equal(newApiKeyPrefix(scripted('0123456789abcdefXYZ')), '0123456789ab');
  });

  it('puts the prefix and a 32-byte secret together the way authentication reads them', () => {
    const random = scripted('QWERTYuiop123456', 'S'.repeat(43));
    const { prefix, key } = newApiKey(random);
    assert.equal(prefix, 'qwertyuiop12');
    assert.equal(key, `vk_qwertyuiop12_${'S'.repeat(43)}`);
    assert.deepEqual(random.asked, [16, 32]);
    assert.match(key, /^vk_([a-z0-9]{12})_([A-Za-z0-9_-]{40,})$/);
  });
});
