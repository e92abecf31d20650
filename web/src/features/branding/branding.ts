import type { Membership } from '../../api/types.ts';
import { brandPalette, safeLogoUrl } from './brand-colors.ts';

/** What the app shows as "the product": Vitalis, or a white-label tenant's own name and look. */
export interface Brand {
  productName: string;
  logoUrl: string | null;
  primaryColor: string | null;
  whiteLabel: boolean;
}

export const VITALIS_BRAND: Brand = { productName: 'Vitalis', logoUrl: null, primaryColor: null, whiteLabel: false };

const CACHE_KEY = 'vitalis.brand';

export function tenantDisplayName(membership: Membership): string {
  return membership.tenantName?.trim() || membership.tenantSlug;
}

export function brandOf(membership: Membership | null): Brand {
  if (!membership) return VITALIS_BRAND;
  const whiteLabel = membership.tenantType === 'white_label';
  return {
    productName: whiteLabel ? tenantDisplayName(membership) : 'Vitalis',
    logoUrl: safeLogoUrl(membership.branding?.logoUrl),
    primaryColor: typeof membership.branding?.primaryColor === 'string' ? membership.branding.primaryColor : null,
    whiteLabel,
  };
}

/** Sets the CSS variables every component's colours come from. */
export function applyBrand(brand: Brand, root: HTMLElement = document.documentElement): void {
  const palette = brandPalette(brand.primaryColor);
  root.style.setProperty('--brand', palette.brand);
  root.style.setProperty('--on-brand', palette.onBrand);
  root.style.setProperty('--brand-ink', palette.brandInk);
  root.style.setProperty('--brand-strong', palette.brandStrong);
  root.style.setProperty('--brand-soft', palette.brandSoft);
}

/** The last brand this device used, so the sign-in page of a white-label tenant looks like it. */
export function rememberBrand(brand: Brand): void {
  try {
    if (brand === VITALIS_BRAND || (!brand.whiteLabel && !brand.primaryColor && !brand.logoUrl)) localStorage.removeItem(CACHE_KEY);
    else localStorage.setItem(CACHE_KEY, JSON.stringify(brand));
  } catch {
    // Storage may be full or disabled; the brand is a nicety.
  }
}

export function rememberedBrand(): Brand {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return VITALIS_BRAND;
    const value = JSON.parse(raw) as Partial<Brand>;
    return {
      productName: typeof value.productName === 'string' && value.productName.trim() ? value.productName : 'Vitalis',
      logoUrl: safeLogoUrl(value.logoUrl),
      primaryColor: typeof value.primaryColor === 'string' ? value.primaryColor : null,
      whiteLabel: value.whiteLabel === true,
    };
  } catch {
    return VITALIS_BRAND;
  }
}
