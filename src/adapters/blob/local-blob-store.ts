import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, constants, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../app/errors.ts';
import type { BlobInfo, BlobStore } from '../../app/ports.ts';
import { assertBlobKey, assertBlobPrefix, contentTypeOf, DEFAULT_CONTENT_TYPE } from './blob-input.ts';

interface Metadata {
  key: string;
  contentType: string;
}

/** Error codes that mean "no file at this path" (a parent segment may be a file, too). */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Blobs as files below `rootDir`:
 *   objects/<key>                  the bytes, at the path the key names
 *   meta/<hh>/<sha256(key)>.json   content type (hashed, so no key can collide with a sidecar)
 *   tmp/                           writes in progress; renamed into place when complete
 * A key cannot be both an object and a folder of other keys here ("a" and "a/b"); S3 allows it,
 * so such a put answers `conflict` instead of failing obscurely.
 */
export class LocalBlobStore implements BlobStore {
  readonly #root: string;
  readonly #objects: string;
  readonly #meta: string;
  readonly #tmp: string;

  constructor(rootDir: string) {
    this.#root = path.resolve(rootDir);
    this.#objects = path.join(this.#root, 'objects');
    this.#meta = path.join(this.#root, 'meta');
    this.#tmp = path.join(this.#root, 'tmp');
  }

  async put(key: string, body: Buffer | Readable, contentType?: string): Promise<BlobInfo> {
    assertBlobKey(key);
    const type = contentTypeOf(contentType);
    const target = this.#objectPath(key);
    const metaTarget = this.#metaPath(key);
    const metadata: Metadata = { key, contentType: type };
    const data = await this.#writeTemp(Buffer.isBuffer(body) ? Readable.from([body]) : body);
    const meta = await this.#writeTemp(Readable.from([JSON.stringify(metadata)])).catch(async (error: unknown) => {
      await rm(data.file, { force: true });
      throw error;
    });
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(path.dirname(metaTarget), { recursive: true });
      // Find a clash before the sidecar changes, so a refused put leaves the old metadata.
      if ((await stat(target).catch(() => undefined))?.isDirectory()) throw clash(key);
      // The data rename is the commit point, so it comes last.
      await rename(meta.file, metaTarget);
      await rename(data.file, target);
    } catch (error) {
      await Promise.all([rm(data.file, { force: true }), rm(meta.file, { force: true })]);
      throw translateWriteError(error, key);
    }
    return { key, size: data.size, contentType: type };
  }

  async get(key: string): Promise<Readable | undefined> {
    assertBlobKey(key);
    let handle;
    try {
      handle = await open(this.#objectPath(key), 'r');
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) return undefined;
      throw error;
    }
    // Opening a directory for reading succeeds on Linux; a folder of keys is not a blob.
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      return undefined;
    }
    return handle.createReadStream();
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertBlobKey(key);
    const size = await this.#fileSize(this.#objectPath(key));
    if (size === undefined) return undefined;
    return { key, size, contentType: await this.#readContentType(key) };
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    const file = this.#objectPath(key);
    if ((await this.#fileSize(file)) !== undefined) {
      await unlink(file).catch((error: unknown) => {
        if (!MISSING.has(codeOf(error) ?? '')) throw error;
      });
    }
    await rm(this.#metaPath(key), { force: true });
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    assertBlobPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const folderKey = slash === -1 ? '' : prefix.slice(0, slash);
    const found: BlobInfo[] = [];
    await this.#walk(folderKey === '' ? this.#objects : this.#objectPath(folderKey), folderKey, prefix, found);
    // S3 lists in UTF-8 byte order; match it so both stores page the same way.
    return found.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  async ping(): Promise<void> {
    await mkdir(this.#tmp, { recursive: true });
    await access(this.#root, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {
    // Holds no handles between calls: each get's stream closes its own file.
  }

  async #walk(dir: string, dirKey: string, prefix: string, found: BlobInfo[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) return;
      throw error;
    }
    for (const entry of entries) {
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && `${key}/`.startsWith(prefix)) {
        await this.#walk(full, key, prefix, found);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const size = await this.#fileSize(full);
        if (size !== undefined) found.push({ key, size });
      }
    }
  }

  async #writeTemp(source: Readable): Promise<{ file: string; size: number }> {
    await mkdir(this.#tmp, { recursive: true });
    const file = path.join(this.#tmp, `${randomUUID()}.part`);
    try {
      await pipeline(source, createWriteStream(file, { flags: 'wx', flush: true }));
      return { file, size: (await stat(file)).size };
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  async #fileSize(file: string): Promise<number | undefined> {
    try {
      const info = await stat(file);
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) return undefined;
      throw error;
    }
  }

  async #readContentType(key: string): Promise<string> {
    try {
      const metadata = JSON.parse(await readFile(this.#metaPath(key), 'utf8')) as Partial<Metadata>;
      return typeof metadata.contentType === 'string' ? metadata.contentType : DEFAULT_CONTENT_TYPE;
    } catch (error) {
      if (MISSING.has(codeOf(error) ?? '')) return DEFAULT_CONTENT_TYPE;
      throw error;
    }
  }

  #objectPath(key: string): string {
    const file = path.join(this.#objects, ...key.split('/'));
    // assertBlobKey already rules out escapes; this guards the mapping itself.
    if (!file.startsWith(this.#objects + path.sep)) throw new AppError('validation_failed', 'Blob key escapes the store.');
    return file;
  }

  #metaPath(key: string): string {
    const digest = createHash('sha256').update(key).digest('hex');
    return path.join(this.#meta, digest.slice(0, 2), `${digest}.json`);
  }
}

function clash(key: string): AppError {
  return new AppError('conflict', 'Blob key clashes with another key: here a key cannot also be a folder of keys.', { key });
}

function translateWriteError(error: unknown, key: string): unknown {
  const code = codeOf(error);
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') return clash(key);
  if (code === 'ENAMETOOLONG') {
    return new AppError('validation_failed', 'Blob key has a segment too long for a file name.', { key });
  }
  return error;
}
