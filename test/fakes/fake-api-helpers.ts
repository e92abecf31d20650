import { json, type FakeResponse } from './fake-http-server.ts';

/** Offsets in an opaque token, as vendors' page tokens are opaque to clients. */
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** One page of `items` after `cursor` (null: the first); undefined for a token the fake never issued. */
export function pageOf<T>(items: readonly T[], cursor: string | null, size: number): { items: T[]; next: string | null } | undefined {
  const offset = cursor === null ? 0 : decodeCursor(cursor);
  if (offset === undefined || offset > items.length) return undefined;
  const end = offset + size;
  return { items: items.slice(offset, end), next: end < items.length ? encodeCursor(end) : null };
}

/** Answers the next `count` requests with 429 when told to, as a vendor over its per-token budget. */
export class Throttle {
  private remaining = 0;
  private retryAfter: string | undefined;

  next(count: number, retryAfterSeconds?: number): void {
    this.remaining = count;
    this.retryAfter = retryAfterSeconds === undefined ? undefined : String(retryAfterSeconds);
  }

  take(): FakeResponse | undefined {
    if (this.remaining === 0) return undefined;
    this.remaining -= 1;
    return json(429, { message: 'Too Many Requests' }, this.retryAfter === undefined ? {} : { 'retry-after': this.retryAfter });
  }
}
