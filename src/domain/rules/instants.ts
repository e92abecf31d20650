/** The range of a JavaScript Date, in epoch ms. "Before anything" is EARLIEST rather than -Infinity, which JSON cannot carry. */
export const EARLIEST = -8.64e15;
export const LATEST = 8.64e15;

export const isInstant = (t: number): boolean => t >= EARLIEST && t <= LATEST;

export const MINUTE_MS = 60_000;
