/**
 * Counter-based randomness: every draw is a pure function of (seed, stream, keys), so any day
 * or instant can be generated on its own and in any order, and a live stepper reproduces a
 * backfill exactly. A stream names what is drawn (a bedtime, heart-rate noise), so adding a
 * draw somewhere never shifts the others.
 */
const TWO_32 = 2 ** 32;
const GOLDEN = 0x9e3779b9;

/** lowbias32 (C. Wellons): a well-mixed 32-bit integer hash. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** A 32-bit seed from an integer or a text (a user id, say). */
export function seedFrom(seed: number | string): number {
  if (typeof seed === 'string') return hashText(seed);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`a seed must be a safe integer or a string, got ${seed}`);
  return mix(mix(seed % TWO_32) ^ Math.floor(seed / TWO_32));
}

/** The id of a named stream of draws. */
export function stream(name: string): number {
  return hashText(name);
}

/** Keys must be integers (a day number, a minute since the epoch). */
function hash(seed: number, streamId: number, a: number, b: number): number {
  return mix(mix(mix(seed ^ streamId) ^ a) + Math.imul(b, GOLDEN));
}

/** Uniform in (0, 1). */
export function uniform(seed: number, streamId: number, a: number, b = 0): number {
  return (hash(seed, streamId, a, b) + 0.5) / TWO_32;
}

/** Standard normal (Box-Muller over two independent words of one hash). */
export function gaussian(seed: number, streamId: number, a: number, b = 0): number {
  const h = hash(seed, streamId, a, b);
  const u1 = (h + 0.5) / TWO_32;
  const u2 = (mix(h ^ GOLDEN) + 0.5) / TWO_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform in [min, max). */
export function between(seed: number, streamId: number, min: number, max: number, a: number, b = 0): number {
  return min + (max - min) * uniform(seed, streamId, a, b);
}
