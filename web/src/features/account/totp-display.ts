/**
 * The QR code as an image URI: an SVG shown through <img> cannot run script or reach the page,
 * unlike markup put into the document.
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** What a person typed as a second factor: digits without spaces, or a recovery code as typed. */
export function normaliseSecondFactor(value: string, recovery: boolean): string {
  return recovery ? value.trim() : value.replace(/\s+/g, '');
}

/** The text file of recovery codes a person can download and keep. */
export function recoveryCodesFile(codes: string[], productName: string, today: Date): string {
  return [
    `${productName} recovery codes`,
    `Saved ${today.toISOString().slice(0, 10)}. Each code works once. Keep them somewhere safe.`,
    '',
    ...codes,
    '',
  ].join('\n');
}
