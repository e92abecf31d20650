import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { BlobStore } from '../../app/ports.ts';

/** Each call gives an empty store of its own; the contract closes it. */
export type BlobStoreFactory = () => Promise<BlobStore>;

const MiB = 1024 * 1024;

export const badKeys = [
  '',
  '/etc/passwd',
  '../secret',
  'a/../../b',
  'a/./b',
  '.',
  'a//b',
  'a/',
  'a\\..\\b',
  'a\nb',
  'a\u0000b',
  'k'.repeat(1025),
];

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * `size` pseudo-random bytes in uneven chunks, as a stream whose length nobody announces.
 * `sha256()` is the digest of what was emitted so far (all of it once the stream ended).
 * With `failAfter`, the stream errors once that many bytes have gone out.
 */
export function generatedStream(size: number, options: { failAfter?: number } = {}) {
  const hash = createHash('sha256');
  let state = 0x2545f491;
  async function* generate() {
    let sent = 0;
    while (sent < size) {
      if (options.failAfter !== undefined && sent >= options.failAfter) throw new Error('source failed');
      const length = Math.min(size - sent, 50_000 + (sent % 17_001));
      const words = Buffer.alloc(Math.ceil(length / 4) * 4);
      for (let i = 0; i < words.length; i += 4) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        words.writeInt32LE(state | 0, i);
      }
      const chunk = words.subarray(0, length);
      hash.update(chunk);
      sent += chunk.length;
      yield chunk;
    }
  }
  return { stream: Readable.from(generate()), sha256: () => hash.copy().digest('hex') };
}

async function withStore(factory: BlobStoreFactory, fn: (store: BlobStore) => Promise<void>): Promise<void> {
  const store = await factory();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

/** The behaviour every BlobStore adapter promises. */
export function blobStoreContract(name: string, factory: BlobStoreFactory): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('round-trips a Buffer and reports its size and content type', () =>
      withStore(factory, async (store) => {
        const body = Buffer.from('{"steps":10432,"note":"Läufer ✓"}');
        const key = 'reports/2024/sümmary ✓.json';
        const info = await store.put(key, body, 'application/json; charset=utf-8');
        const expected = { key, size: body.length, contentType: 'application/json; charset=utf-8' };
        assert.deepEqual(info, expected);
        assert.deepEqual(await store.head(key), expected);
        const stream = await store.get(key);
        assert.ok(stream);
        assert.deepEqual(await readAll(stream), body);
      }));

    it('streams a multi-megabyte body of unknown length in and out', () =>
      withStore(factory, async (store) => {
        const size = 20 * MiB + 123;
        const source = generatedStream(size);
        assert.deepEqual(await store.put('imports/big.csv', source.stream, 'text/csv'), {
          key: 'imports/big.csv',
          size,
          contentType: 'text/csv',
        });
        assert.deepEqual(await store.head('imports/big.csv'), { key: 'imports/big.csv', size, contentType: 'text/csv' });
        const stream = await store.get('imports/big.csv');
        assert.ok(stream);
        const hash = createHash('sha256');
        let received = 0;
        for await (const chunk of stream) {
          hash.update(chunk as Buffer);
          received += (chunk as Buffer).length;
        }
        assert.equal(received, size);
        assert.equal(hash.digest('hex'), source.sha256());
      }));

    it('stores small streams and empty bodies', () =>
      withStore(factory, async (store) => {
        assert.equal((await store.put('small', Readable.from(['ab', Buffer.from('c')]))).size, 3);
        assert.equal((await readAll((await store.get('small'))!)).toString(), 'abc');
        assert.equal((await store.put('empty-buffer', Buffer.alloc(0))).size, 0);
        assert.equal((await store.put('empty-stream', Readable.from([]))).size, 0);
        assert.equal((await readAll((await store.get('empty-stream'))!)).length, 0);
        assert.equal((await store.head('empty-buffer'))?.size, 0);
      }));

    it('defaults the content type and replaces an object on a second put', () =>
      withStore(factory, async (store) => {
        await store.put('doc', Buffer.from('first version'));
        assert.equal((await store.head('doc'))?.contentType, 'application/octet-stream');
        await store.put('doc', Buffer.from('second'), 'text/plain');
        assert.deepEqual(await store.head('doc'), { key: 'doc', size: 6, contentType: 'text/plain' });
        assert.equal((await readAll((await store.get('doc'))!)).toString(), 'second');
      }));

    it('answers undefined for a missing key, and for a folder of keys', () =>
      withStore(factory, async (store) => {
        assert.equal(await store.get('nope.txt'), undefined);
        assert.equal(await store.head('nope.txt'), undefined);
        await store.put('folder/inner.txt', Buffer.from('x'));
        assert.equal(await store.get('folder'), undefined);
        assert.equal(await store.head('folder'), undefined);
        assert.equal(await store.head('folder/inner.txt/deeper'), undefined);
      }));

    it('deletes idempotently', () =>
      withStore(factory, async (store) => {
        await store.put('exports/x.zip', Buffer.from('zip'), 'application/zip');
        await store.delete('exports/x.zip');
        await store.delete('exports/x.zip');
        await store.delete('never/was.here');
        assert.equal(await store.get('exports/x.zip'), undefined);
        assert.equal(await store.head('exports/x.zip'), undefined);
        assert.deepEqual(await store.list(''), []);
        await store.put('exports/x.zip', Buffer.from('again'));
        assert.deepEqual(await store.head('exports/x.zip'), { key: 'exports/x.zip', size: 5, contentType: 'application/octet-stream' });
      }));

    it('lists by prefix, in key order, with sizes', () =>
      withStore(factory, async (store) => {
        const keys = ['imports/u1/b.csv', 'imports/u1/a.csv', 'imports/u2/c.csv', 'importsx.csv', 'exports/z.zip'];
        for (const [i, key] of keys.entries()) await store.put(key, Buffer.alloc(i + 1, 7));
        assert.deepEqual(await store.list('imports/u1/'), [
          { key: 'imports/u1/a.csv', size: 2 },
          { key: 'imports/u1/b.csv', size: 1 },
        ]);
        assert.deepEqual(
          (await store.list('imports')).map((b) => b.key),
          ['imports/u1/a.csv', 'imports/u1/b.csv', 'imports/u2/c.csv', 'importsx.csv'],
        );
        assert.deepEqual((await store.list('imports/u')).map((b) => b.key), ['imports/u1/a.csv', 'imports/u1/b.csv', 'imports/u2/c.csv']);
        assert.deepEqual((await store.list('')).map((b) => b.key), [...keys].sort());
        assert.deepEqual(await store.list('nothing/'), []);
        assert.deepEqual(await store.list('imports/u1/a.csv/'), []);
      }));

    it('rejects keys and prefixes that are malformed or could escape', () =>
      withStore(factory, async (store) => {
        for (const key of badKeys) {
          const invalid = { code: 'validation_failed' };
          await assert.rejects(store.put(key, Buffer.from('x')), invalid, `put ${JSON.stringify(key)}`);
          await assert.rejects(store.get(key), invalid, `get ${JSON.stringify(key)}`);
          await assert.rejects(store.head(key), invalid, `head ${JSON.stringify(key)}`);
          await assert.rejects(store.delete(key), invalid, `delete ${JSON.stringify(key)}`);
        }
        for (const prefix of ['../', '/abs', 'a//', './', 'a\\b']) {
          await assert.rejects(store.list(prefix), { code: 'validation_failed' }, `list ${JSON.stringify(prefix)}`);
        }
        assert.deepEqual(await store.list(''), []);
      }));

    it('rejects a malformed content type', () =>
      withStore(factory, async (store) => {
        await assert.rejects(store.put('a.txt', Buffer.from('x'), 'text/plain\r\nX-Injected: 1'), { code: 'validation_failed' });
        await assert.rejects(store.put('a.txt', Buffer.from('x'), 'not a type'), { code: 'validation_failed' });
        assert.equal(await store.head('a.txt'), undefined);
      }));

    it('keeps the previous object when a streamed put fails part-way', () =>
      withStore(factory, async (store) => {
        await store.put('k', Buffer.from('v1'), 'text/plain');
        await assert.rejects(store.put('k', generatedStream(MiB, { failAfter: 100_000 }).stream), /source failed/);
        // Past two 8 MiB parts, so an S3 store is mid-way through a multipart upload.
        await assert.rejects(store.put('k', generatedStream(24 * MiB, { failAfter: 17 * MiB }).stream), /source failed/);
        assert.deepEqual(await store.head('k'), { key: 'k', size: 2, contentType: 'text/plain' });
        assert.equal((await readAll((await store.get('k'))!)).toString(), 'v1');
        await assert.rejects(store.put('fresh', generatedStream(24 * MiB, { failAfter: 17 * MiB }).stream), /source failed/);
        assert.deepEqual((await store.list('')).map((b) => b.key), ['k']);
      }));

    it('answers ping when healthy', () =>
      withStore(factory, async (store) => {
        await store.ping();
      }));
  });
}
