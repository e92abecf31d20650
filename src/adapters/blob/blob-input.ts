import { AppError } from '../../app/errors.ts';

/** S3's own limit, applied to every adapter so a key that works locally also works on S3. */
const MAX_KEY_BYTES = 1024;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(?:\s*;\s*[a-z0-9!#$&^_.+-]+=(?:[a-z0-9!#$&^_.+-]+|"[^"\\]*"))*$/i;

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

function invalid(message: string, value: string): AppError {
  return new AppError('validation_failed', message, { value: value.slice(0, 200) });
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function checkSegment(segment: string, key: string): void {
  if (segment === '') throw invalid('Blob key has an empty segment (leading, trailing or double "/").', key);
  if (segment === '.' || segment === '..') throw invalid('Blob key must not contain "." or ".." segments.', key);
}

function checkCharacters(value: string): void {
  if (hasControlCharacter(value)) throw invalid('Blob key must not contain control characters.', value);
  if (value.includes('\\')) throw invalid('Blob key must use "/" as its only separator.', value);
  if (Buffer.byteLength(value) > MAX_KEY_BYTES) throw invalid(`Blob key is longer than ${MAX_KEY_BYTES} bytes.`, value);
}

/**
 * A key is a relative, "/"-separated path of non-empty segments, none "." or "..", so that it
 * maps onto a file below the store's root and onto the same object name in S3.
 */
export function assertBlobKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw invalid('Blob key must be a non-empty string.', String(key));
  checkCharacters(key);
  for (const segment of key.split('/')) checkSegment(segment, key);
}

/** A prefix is '' or the start of a valid key: its last segment may be partial or empty. */
export function assertBlobPrefix(prefix: string): void {
  if (typeof prefix !== 'string') throw invalid('Blob prefix must be a string.', String(prefix));
  if (prefix === '') return;
  checkCharacters(prefix);
  const segments = prefix.split('/');
  segments.pop();
  for (const segment of segments) checkSegment(segment, prefix);
}

/** The stored content type: the given one when well formed, the generic one when absent. */
export function contentTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return DEFAULT_CONTENT_TYPE;
  if (!CONTENT_TYPE.test(contentType)) throw invalid('Content type is not a valid media type.', contentType);
  return contentType;
}
