/** Timestamps leave the repositories as ISO strings (PGlite and node-postgres both hand out Dates). */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as Date | string).toISOString();
}

export function iso(value: unknown): string {
  return new Date(value as Date | string).toISOString();
}
