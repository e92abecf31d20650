import type { IncomingMessage } from 'node:http';
import { uuidv7 } from 'uuidv7';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is a sane token, so traces join up; otherwise mints one. */
export function requestIdFrom(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : uuidv7();
}
