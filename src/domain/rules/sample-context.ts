/** Bits of a reading's context, as the engine's hot path takes them. */
export const AT_REST = 1;
export const ASLEEP = 2;
export const CONTEXT_FLAGS = AT_REST | ASLEEP;
/** 2^11 > 1440: the local minute fits below the flags. */
const MINUTE_BITS = 11;

export interface SampleContext {
  readonly atRest?: boolean;
  readonly asleep?: boolean;
}

export function contextFlags(context: SampleContext): number {
  return (context.atRest ? AT_REST : 0) | (context.asleep ? ASLEEP : 0);
}

/**
 * A reading's flags and local minute of the day in one small integer, flags above the minute:
 * readings with the same flags and a minute in [a, b) are exactly the packed values in
 * [packContext(flags, a), packContext(flags, b)), one range check on the hot path.
 */
export const packContext = (flags: number, localMinute: number): number => ((flags & CONTEXT_FLAGS) << MINUTE_BITS) | localMinute;
export const flagsOf = (packed: number): number => packed >> MINUTE_BITS;
export const localMinuteOf = (packed: number): number => packed & ((1 << MINUTE_BITS) - 1);

/** A stream's readings as plain arrays, oldest first; `context` as packContext makes it. */
export interface SampleColumns {
  readonly t: number[];
  readonly value: number[];
  readonly context: number[];
}
