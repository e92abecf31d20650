/**
 * A statistic that exists, or the typed reason it does not. Results never carry NaN or
 * Infinity: where a formula would produce one, the function answers with a reason instead.
 */
export interface Unavailable<Reason extends string> {
  readonly ok: false;
  readonly reason: Reason;
}

export type StatResult<Value, Reason extends string> = ({ readonly ok: true } & Value) | Unavailable<Reason>;

export function unavailable<Reason extends string>(reason: Reason): Unavailable<Reason> {
  return { ok: false, reason };
}
