import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('is the same text whatever the key order, at every depth', () => {
    const a = { b: 1, a: { y: [1, { d: 2, c: 3 }], x: null } };
    const b = { a: { x: null, y: [1, { c: 3, d: 2 }] }, b: 1 };
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), '{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"b":1}');
  });

  it('drops undefined members as JSON does, and keeps array order', () => {
    assert.equal(canonicalJson({ a: undefined, b: [3, 1, 2] }), '{"b":[3,1,2]}');
  });
});
