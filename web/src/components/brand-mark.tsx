import { useState } from 'react';
import type { Brand } from '../features/branding/branding.ts';

/** The product's logo and name: Vitalis, or a white-label tenant's own. */
export function BrandMark({ brand }: { brand: Brand }) {
  const [logoFailed, setLogoFailed] = useState<string | null>(null);
  const showLogo = brand.logoUrl !== null && logoFailed !== brand.logoUrl;
  return (
    <span className="brand-mark">
      {showLogo ? (
        <img className="brand-mark__logo" src={brand.logoUrl!} alt="" onError={() => setLogoFailed(brand.logoUrl)} />
      ) : (
        <span className="brand-mark__symbol" aria-hidden="true">
          {brand.whiteLabel ? (
            brand.productName.charAt(0).toUpperCase()
          ) : (
            <svg viewBox="0 0 32 32" focusable="false">
              <path d="M5 17h6l3-7 4 13 3-6h6" />
            </svg>
          )}
        </span>
      )}
      <span className="brand-mark__name">{brand.productName}</span>
    </span>
  );
}
