import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBlobKey, assertBlobPrefix, contentTypeOf } from './blob-input.ts';

describe('blob keys, prefixes and content types', () => {
  it('accepts relative keys of non-empty segments', () => {
    for (const key of ['a', 'imports/2024/file.csv', '.hidden/x', 'a/..b/c..', 'ü/✓ name.txt', 'k'.repeat(1024)]) {
      assertBlobKey(key);
    }
  });

  it('refuses keys that are empty, absolute, traversing, or oddly separated', () => {
    for (const key of ['', '/a', 'a/', 'a//b', '.', '..', 'a/./b', 'a/../b', 'a\\b', 'C:\\x', 'a\tb', 'a\u007fb', 'ü'.repeat(513)]) {
      assert.throws(() => assertBlobKey(key), { code: 'validation_failed' }, JSON.stringify(key));
    }
  });

  it('accepts a partial last segment in a prefix, and nothing else unusual', () => {
    for (const prefix of ['', 'a', 'a/', 'a/b', 'a/..partial', 'a/..']) assertBlobPrefix(prefix);
    for (const prefix of ['/', '/a', 'a//', '../a', 'a/../b/', 'a\\']) {
      assert.throws(() => assertBlobPrefix(prefix), { code: 'validation_failed' }, JSON.stringify(prefix));
    }
  });

  it('keeps well-formed media types and defaults a missing one', () => {
    assert.equal(contentTypeOf(undefined), 'application/octet-stream');
    assert.equal(contentTypeOf('text/csv; charset=utf-8'), 'text/csv; charset=utf-8');
    assert.equal(contentTypeOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    for (const bad of ['', 'text', 'text/plain\r\nX: 1', 'text/plain; charset', 'a b/c']) {
      assert.throws(() => contentTypeOf(bad), { code: 'validation_failed' }, JSON.stringify(bad));
    }
  });
});
