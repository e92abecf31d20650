export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Rounded to `decimals` places, as a device would report it. */
export const roundTo = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};
