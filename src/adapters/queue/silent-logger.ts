import type { Logger } from '../../app/ports.ts';

/** For adapters constructed without a logger. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
