import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startS3Server } from '../../../test/fixtures/s3-server.ts';
import { blobStoreContract, readAll } from './blob-store.contract.ts';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';

const server = await startS3Server();
after(() => server.close());

function options(bucket: string): S3BlobStoreOptions {
  return {
    bucket,
    endpoint: server.endpoint,
    region: server.region,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    forcePathStyle: true,
  };
}

blobStoreContract('S3BlobStore', async () => new S3BlobStore(options(await server.createBucket())));

describe('S3BlobStore', () => {
  it('fails ping, and get, for a bucket that does not exist', async () => {
    const store = new S3BlobStore(options('no-such-bucket-here'));
    try {
      await assert.rejects(store.ping());
      await assert.rejects(store.get('any.txt'), { name: 'NoSuchBucket' });
    } finally {
      await store.close();
    }
  });

  it('shares one bucket between instances', async () => {
    const bucket = await server.createBucket();
    const writer = new S3BlobStore(options(bucket));
    const reader = new S3BlobStore(options(bucket));
    try {
      await writer.put('shared/a.json', Buffer.from('{}'), 'application/json');
      assert.deepEqual(await reader.head('shared/a.json'), { key: 'shared/a.json', size: 2, contentType: 'application/json' });
      assert.equal((await readAll((await reader.get('shared/a.json'))!)).toString(), '{}');
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it('needs both credentials or neither', () => {
    assert.throws(() => new S3BlobStore({ ...options('b-1'), secretAccessKey: undefined }), /both/);
  });
});
