import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { blobStoreContract, generatedStream, readAll } from './blob-store.contract.ts';
import { LocalBlobStore } from './local-blob-store.ts';

const scratch = await mkdtemp(path.join(tmpdir(), 'vitalis-blob-'));
after(() => rm(scratch, { recursive: true, force: true }));

let stores = 0;
function freshDir(): string {
  stores += 1;
  return path.join(scratch, `store-${stores}`);
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

blobStoreContract('LocalBlobStore', async () => new LocalBlobStore(freshDir()));

describe('LocalBlobStore', () => {
  it('keeps every file below its root and leaves no temporary files behind', async () => {
    const root = freshDir();
    const store = new LocalBlobStore(root);
    await store.put('a/b/c.txt', Buffer.from('abc'), 'text/plain');
    await assert.rejects(store.put('a/d.txt', generatedStream(1_000_000, { failAfter: 200_000 }).stream));
    await assert.rejects(store.put('../outside.txt', Buffer.from('x')), { code: 'validation_failed' });
    assert.deepEqual(await filesBelow(path.join(root, 'tmp')), []);
    assert.deepEqual(await filesBelow(path.join(root, 'objects')), [path.join('a', 'b', 'c.txt')]);
    assert.deepEqual(await readdir(scratch).then((names) => names.filter((n) => n.startsWith('outside'))), []);
  });

  it('keeps blobs and their content types across instances', async () => {
    const root = freshDir();
    await new LocalBlobStore(root).put('exports/e.zip', Buffer.from('zip!'), 'application/zip');
    const reopened = new LocalBlobStore(root);
    assert.deepEqual(await reopened.head('exports/e.zip'), { key: 'exports/e.zip', size: 4, contentType: 'application/zip' });
    assert.equal((await readAll((await reopened.get('exports/e.zip'))!)).toString(), 'zip!');
  });

  it('answers conflict when a key would also be a folder of keys', async () => {
    const store = new LocalBlobStore(freshDir());
    await store.put('a', Buffer.from('file'));
    await assert.rejects(store.put('a/b', Buffer.from('x')), { code: 'conflict' });
    await store.put('c/d', Buffer.from('x'));
    await assert.rejects(store.put('c', Buffer.from('x')), { code: 'conflict' });
    assert.deepEqual((await store.list('')).map((b) => b.key), ['a', 'c/d']);
  });

  it('fails ping when its root is unusable', async () => {
    const file = path.join(scratch, 'not-a-directory');
    await writeFile(file, 'x');
    await assert.rejects(new LocalBlobStore(file).ping());
  });
});
