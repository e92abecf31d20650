import { CsvParser } from './csv/csv-reader.ts';
import type { ImportFormat } from './csv/import-result.ts';
import { isFitbitHeader } from './fitbit/shapes.ts';

export type { ImportFormat } from './csv/import-result.ts';

/** How many leading bytes detection needs at most (an Apple Health DOCTYPE, a wide header). */
export const DETECT_FORMAT_BYTES = 64 * 1024;

const ZIP_MAGIC = [0x50, 0x4b];
const HEALTH_DATA = /<!DOCTYPE\s+HealthData\b|<HealthData[\s>/]/;

/**
 * The import format of a file from its first bytes (pass up to DETECT_FORMAT_BYTES; a few KB
 * is usually enough), by content, not by name:
 * - a zip archive, or XML whose root (or DOCTYPE) is HealthData -> `apple-health`;
 * - text whose first line is the header of a Fitbit file (by its columns) -> `fitbit`;
 * - other delimited text with at least two columns -> `csv`;
 * - anything else (other XML, JSON, binary, one column) -> undefined.
 * `fileName` only decides when the bytes cannot: no bytes at all, or XML cut short before its
 * root named `export.xml`.
 */
export function detectFormat(firstBytes: Buffer, fileName?: string): ImportFormat | undefined {
  const name = fileName?.trim().toLowerCase() ?? '';
  if (firstBytes.length === 0) return byExtension(name);
  if (firstBytes.length >= 2 && firstBytes[0] === ZIP_MAGIC[0] && firstBytes[1] === ZIP_MAGIC[1]) {
    return firstBytes.length < 4 || (firstBytes[2] === 0x03 && firstBytes[3] === 0x04) || (firstBytes[2] === 0x05 && firstBytes[3] === 0x06) ? 'apple-health' : undefined;
  }
  const text = decode(firstBytes);
  if (text === undefined) return undefined;
  const start = text.trimStart();
  if (start.startsWith('<')) {
    if (HEALTH_DATA.test(start)) return 'apple-health';
    // Cut short before the DOCTYPE or root: only the name can tell.
    const rootVisible = /<[A-Za-z!]/.test(start.replace(/^<\?xml[^>]*\?>/, ''));
    return !rootVisible && /(^|[\\/])export\.xml$/.test(name) ? 'apple-health' : undefined;
  }
  if (start.startsWith('{') || start.startsWith('[')) return undefined;
  const header = headerFields(text);
  if (header === undefined) return undefined;
  if (isFitbitHeader(header.fields) || (header.truncated && isFitbitHeader(header.fields.slice(0, -1)))) return 'fitbit';
  const named = header.fields.filter((f) => f.trim() !== '');
  return header.fields.length >= 2 && named.length >= 1 ? 'csv' : undefined;
}

function byExtension(name: string): ImportFormat | undefined {
  if (name.endsWith('.zip') || name.endsWith('.xml')) return 'apple-health';
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  return undefined;
}

/** UTF-8, or UTF-16LE after its byte order mark; undefined for binary content. */
function decode(bytes: Buffer): string | undefined {
  const utf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  let text = utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) return undefined;
  // Control characters other than tab and line breaks mean binary, whatever the name says.
  let control = 0;
  const probe = Math.min(text.length, 4096);
  for (let i = 0; i < probe; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control > probe / 100 ? undefined : text;
}

/** The first record; `truncated` when the bytes end before the header line does. */
function headerFields(text: string): { fields: string[]; truncated: boolean } | undefined {
  const parser = new CsvParser();
  let records;
  try {
    records = parser.push(text);
    const truncated = records.length === 0;
    if (truncated) records = parser.end();
    const [first] = records;
    return first === undefined ? undefined : { fields: first.fields, truncated };
  } catch {
    return undefined;
  }
}
