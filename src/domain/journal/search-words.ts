/**
 * The words of a text as journal search compares them: runs of letters and digits, with case
 * and diacritics folded, so "Café" and "cafe" are one word and "late_meal" is two.
 */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when every word of the query begins some word of the text ("run" finds "running"). */
export function matchesSearch(textWords: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((query) => textWords.some((word) => word.startsWith(query)));
}
