/** Colours derived from a tenant's primary colour, each readable where it is used. */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface BrandPalette {
  /** Fills: primary buttons, the header accent. */
  brand: string;
  /** Text and icons on a `brand` fill. */
  onBrand: string;
  /** The brand as text, links and focus rings on a white surface (at least 4.5:1). */
  brandInk: string;
  /** Hover and pressed fills. */
  brandStrong: string;
  /** A quiet tint for selected and highlighted areas. */
  brandSoft: string;
}

export const DEFAULT_BRAND_COLOR = '#0f5f66';
const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const INK: Rgb = { r: 0x17, g: 0x20, b: 0x2b };

/** `#rgb` or `#rrggbb` (any case), else null: anything else is never put into a style. */
export function parseHexColor(value: unknown): Rgb | null {
  if (typeof value !== 'string') return null;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `amount` of `toward` mixed into `from` (0 = from, 1 = toward). */
export function mix(from: Rgb, toward: Rgb, amount: number): Rgb {
  return {
    r: from.r + (toward.r - from.r) * amount,
    g: from.g + (toward.g - from.g) * amount,
    b: from.b + (toward.b - from.b) * amount,
  };
}

function darkenUntil(color: Rgb, against: Rgb, ratio: number): Rgb {
  for (let amount = 0; amount <= 1; amount += 0.05) {
    const candidate = mix(color, BLACK, amount);
    if (contrastRatio(candidate, against) >= ratio) return candidate;
  }
  return BLACK;
}

export function brandPalette(primaryColor: unknown): BrandPalette {
  const brand = parseHexColor(primaryColor) ?? parseHexColor(DEFAULT_BRAND_COLOR)!;
  const onBrand = contrastRatio(brand, WHITE) >= contrastRatio(brand, INK) ? WHITE : INK;
  const strong = onBrand === WHITE ? mix(brand, BLACK, 0.18) : mix(brand, BLACK, 0.1);
  return {
    brand: toHex(brand),
    onBrand: toHex(onBrand),
    brandInk: toHex(darkenUntil(brand, WHITE, 4.5)),
    brandStrong: toHex(strong),
    brandSoft: toHex(mix(brand, WHITE, 0.9)),
  };
}

/**
 * A logo address that may go into an <img src>: https, or a path on this origin. Anything else
 * (javascript:, http:, protocol-relative) is refused.
 */
export function safeLogoUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const url = value.trim();
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
