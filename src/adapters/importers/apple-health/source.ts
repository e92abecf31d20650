import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppleHealthExportError } from './errors.ts';

/** A path to export.zip or export.xml, or a stream of export.xml (a zip needs a file: its index is at the end). */
export type AppleHealthInput = string | Readable;

export interface AppleHealthSourceOptions {
  /** Size of the XML behind a Readable, when the caller knows it (for progress). */
  readonly totalBytes?: number;
  /** Bytes per read from an export.xml file (default 256 KiB). */
  readonly readChunkBytes?: number;
}

/** The bytes of export.xml, wherever they come from. */
export interface AppleHealthSource {
  /** For messages: the file, or the zip and its entry. */
  readonly description: string;
  readonly totalBytes: number | undefined;
  readonly chunks: AsyncIterable<Buffer | string>;
  close(): Promise<void>;
}

const DEFAULT_READ_CHUNK = 256 * 1024;
const EXPORT_XML = /(?:^|\/)export\.xml$/i;
const PREFERRED = /^(?:\.\/)?apple_health_export\/export\.xml$/i;

export async function openAppleHealthSource(input: AppleHealthInput, options: AppleHealthSourceOptions = {}): Promise<AppleHealthSource> {
  if (typeof input !== 'string') {
    return { description: 'export.xml stream', totalBytes: options.totalBytes, chunks: input, close: async () => void input.destroy() };
  }
  const info = await stat(input);
  if (!info.isFile()) throw new AppleHealthExportError('not_an_export', `Not an Apple Health export: ${input} is not a file.`);
  if (await startsLikeZip(input)) return openZipEntry(input);
  const stream = createReadStream(input, { highWaterMark: options.readChunkBytes ?? DEFAULT_READ_CHUNK });
  return { description: input, totalBytes: info.size, chunks: stream, close: async () => void stream.destroy() };
}

async function startsLikeZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    // Local file header, or the end record of an empty archive.
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  } finally {
    await file.close();
  }
}

function damaged(path: string, what: string, error: unknown): AppleHealthExportError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppleHealthExportError('damaged', `${path} is a damaged zip archive: ${what} (${reason}). It may have been cut short; export or download it again.`, { reason });
}

async function openZipEntry(path: string): Promise<AppleHealthSource> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, file) => (error ? reject(damaged(path, 'its index cannot be read', error)) : resolve(file)));
  });
  const close = async (): Promise<void> => {
    if (zip.isOpen) zip.close();
  };
  try {
    const entry = await findExportEntry(path, zip);
    if (entry.isEncrypted()) throw new AppleHealthExportError('not_an_export', `${path}: ${entry.fileName} is encrypted; export it from the Health app without a password.`);
    if (!entry.canDecodeFileData()) throw new AppleHealthExportError('not_an_export', `${path}: ${entry.fileName} uses zip compression method ${entry.compressionMethod}, which is not supported (only stored and deflate).`);
    const stream = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (error, s) => (error ? reject(damaged(path, `${entry.fileName} cannot be opened`, error)) : resolve(s)));
    });
    return { description: `${path}:${entry.fileName}`, totalBytes: entry.uncompressedSize, chunks: checked(path, entry, stream), close: async () => {
      stream.destroy();
      await close();
    } };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The entry's inflated bytes, with its CRC-32 checked at the end (yauzl checks sizes, not CRCs). */
async function* checked(path: string, entry: Entry, stream: Readable): AsyncGenerator<Buffer> {
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    throw damaged(path, `${entry.fileName} cannot be inflated`, error);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw damaged(path, `${entry.fileName} fails its CRC-32 check`, `expected ${entry.crc32.toString(16)}, read ${crc.toString(16)}`);
}

/** apple_health_export/export.xml, whatever the case or folder; never export_cda.xml or __MACOSX copies. */
async function findExportEntry(path: string, zip: ZipFile): Promise<Entry> {
  const candidates: Entry[] = [];
  const others: string[] = [];
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      count += 1;
      if (EXPORT_XML.test(entry.fileName) && !/^__MACOSX\//i.test(entry.fileName)) candidates.push(entry);
      else if (others.length < 5) others.push(entry.fileName);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: unknown) => reject(damaged(path, 'its index cannot be read', error)));
    zip.readEntry();
  });
  const depth = (e: Entry): number => e.fileName.split('/').length;
  const best = candidates.find((e) => PREFERRED.test(e.fileName)) ?? candidates.sort((a, b) => depth(a) - depth(b))[0];
  if (best === undefined) {
    const seen = count === 0 ? 'it is empty' : `it holds ${count} entries, e.g. ${others.join(', ')}`;
    throw new AppleHealthExportError('not_an_export', `Not an Apple Health export: ${path} is a zip archive without apple_health_export/export.xml (${seen}).`, { entries: count });
  }
  return best;
}
