import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { PassThrough, Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobInfo, BlobStore } from '../../app/ports.ts';
import { assertBlobKey, assertBlobPrefix, contentTypeOf, DEFAULT_CONTENT_TYPE } from './blob-input.ts';

/** Streams are sent in parts of this size, so memory use stays flat whatever the blob size. */
const PART_SIZE = 8 * 1024 * 1024;

export interface S3BlobStoreOptions {
  bucket: string;
  /** Set for S3-compatible servers (MinIO, Garage, Ceph...); absent means AWS. */
  endpoint?: string;
  region: string;
  /** Both or neither; neither means the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** A missing key; a missing bucket (NoSuchBucket) is a fault, not an absent blob. */
function isMissingKey(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}

/** Blobs as objects in one S3 bucket, keyed exactly by the blob key. */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: S3BlobStoreOptions) {
    if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
      throw new Error('S3BlobStore needs both accessKeyId and secretAccessKey, or neither');
    }
    this.#bucket = options.bucket;
    this.#client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      // Many S3-compatible servers reject the CRC checksums recent SDKs send by default;
      // AWS itself gets the SDK's defaults.
      ...(options.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    });
  }

  async put(key: string, body: Buffer | Readable, contentType?: string): Promise<BlobInfo> {
    assertBlobKey(key);
    const type = contentTypeOf(contentType);
    const size = Buffer.isBuffer(body) ? await this.#putBuffer(key, body, type) : await this.#putStream(key, body, type);
    return { key, size, contentType: type };
  }

  async get(key: string): Promise<Readable | undefined> {
    assertBlobKey(key);
    try {
      const { Body } = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!(Body instanceof Readable)) throw new Error('S3 answered GetObject without a readable body');
      return Body;
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw error;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertBlobKey(key);
    try {
      const result = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return { key, size: result.ContentLength ?? 0, contentType: result.ContentType ?? DEFAULT_CONTENT_TYPE };
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // S3 answers 204 for a missing key as for a present one: delete is idempotent as it is.
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    assertBlobPrefix(prefix);
    const found: BlobInfo[] = [];
    const pages = paginateListObjectsV2({ client: this.#client }, { Bucket: this.#bucket, Prefix: prefix });
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) found.push({ key: object.Key, size: object.Size ?? 0 });
      }
    }
    return found;
  }

  async ping(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  async #putBuffer(key: string, body: Buffer, contentType: string): Promise<number> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }),
    );
    return body.length;
  }

  /** A stream of unknown length: lib-storage sends it in parts, so memory stays flat whatever its size. */
  async #putStream(key: string, body: Readable, contentType: string): Promise<number> {
    let size = 0;
    const counted = body.pipe(
      new PassThrough({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      }),
    );
    let sourceError: Error | undefined;
    body.once('error', (error) => {
      sourceError = error;
      counted.destroy(error);
    });
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: key, Body: counted, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: 2,
    });
    // When the source fails, that is the cause to report — not a failed clean-up of the parts
    // (some S3-compatible servers cannot abort a multipart upload).
    await upload.done().catch((error: unknown) => Promise.reject(sourceError ?? error));
    return size;
  }
}
