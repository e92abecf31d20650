// Unit tests of the web app's pure helpers: branding colours, redirects, tenant choice, TOTP display.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Me, Membership } from '../../../web/src/api/types.ts';
import { groupSecret, normaliseSecondFactor, recoveryCodesFile, svgDataUri } from '../../../web/src/features/account/totp-display.ts';
import { safeNext } from '../../../web/src/features/auth/safe-next.ts';
import {
  brandPalette,
  contrastRatio,
  DEFAULT_BRAND_COLOR,
  parseHexColor,
  safeLogoUrl,
} from '../../../web/src/features/branding/brand-colors.ts';
import { brandOf } from '../../../web/src/features/branding/branding.ts';
import { pendingInvitations } from '../../../web/src/features/members/pending-invitations.ts';
import { chooseTenant } from '../../../web/src/features/session/choose-tenant.ts';

const WHITE = { r: 255, g: 255, b: 255 };

function membership(overrides: Partial<Membership>): Membership {
  return { tenantId: 't', tenantSlug: 'slug', tenantName: 'Name', tenantType: 'team', role: 'member', branding: {}, ...overrides };
}

describe('branding colours', () => {
  it('accepts only #rgb and #rrggbb', () => {
    assert.deepEqual(parseHexColor('#0af'), { r: 0, g: 170, b: 255 });
    assert.deepEqual(parseHexColor(' #00AAFF '), { r: 0, g: 170, b: 255 });
    for (const bad of ['red', '#12345', 'url(x)', '#0af; background: url(//evil)', 'expression(alert(1))', 42, null, undefined]) {
      assert.equal(parseHexColor(bad), null, String(bad));
    }
  });

  it('derives readable colours from any primary colour', () => {
    for (const primary of ['#ffffff', '#ffeb3b', '#00c853', '#0f5f66', '#000000', '#e91e63', '#7f7f7f', 'not a colour']) {
      const palette = brandPalette(primary);
      const brand = parseHexColor(palette.brand)!;
      assert.ok(contrastRatio(parseHexColor(palette.brandInk)!, WHITE) >= 4.5, `ink of ${primary}`);
      assert.ok(contrastRatio(parseHexColor(palette.onBrand)!, brand) >= 3, `text on ${primary}`);
      for (const value of Object.values(palette)) assert.match(value, /^#[0-9a-f]{6}$/);
    }
    assert.equal(brandPalette('nonsense').brand, DEFAULT_BRAND_COLOR);
    assert.equal(brandPalette('#FFEB3B').onBrand, '#17202b', 'dark text on a light brand');
    assert.equal(brandPalette('#0f5f66').onBrand, '#ffffff');
  });

  it('puts only https or same-origin logos into an <img>', () => {
    assert.equal(safeLogoUrl('https://cdn.example.org/logo.svg'), 'https://cdn.example.org/logo.svg');
    assert.equal(safeLogoUrl('/files/logo.png'), '/files/logo.png');
    for (const bad of ['javascript:alert(1)', 'http://example.org/logo.png', '//evil.example/logo.png', '/\\evil', 'data:image/svg+xml,<svg/>', '', 7]) {
      assert.equal(safeLogoUrl(bad), null, String(bad));
    }
  });

  it('shows a white-label tenant as its own product, others as Vitalis', () => {
    const partner = brandOf(membership({ tenantType: 'white_label', tenantName: 'Acme Health', branding: { primaryColor: '#aa0000', logoUrl: 'javascript:x' } }));
    assert.deepEqual(partner, { productName: 'Acme Health', logoUrl: null, primaryColor: '#aa0000', whiteLabel: true });
    assert.equal(brandOf(membership({ tenantType: 'team' })).productName, 'Vitalis');
    assert.equal(brandOf(null).productName, 'Vitalis');
  });
});

describe('where to go after signing in', () => {
  it('allows paths of this app only', () => {
    assert.equal(safeNext('/members'), '/members');
    assert.equal(safeNext('/invitations/accept?token=abc'), '/invitations/accept?token=abc');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'members', '/api/v1/me', '/docs', '', null, undefined]) {
      assert.equal(safeNext(bad), null, String(bad));
    }
  });
});

describe('choosing the tenant', () => {
  const me = (memberships: Membership[]): Me => ({
    user: { id: 'u', email: 'a@example.org', name: 'A', emailVerified: true, mfaEnabled: false },
    memberships,
  });
  const personal = membership({ tenantId: 'p', tenantType: 'personal' });
  const team = membership({ tenantId: 'team' });

  it('keeps a stored choice that is still a membership, else falls back to the personal tenant', () => {
    assert.equal(chooseTenant(me([team, personal]), 'team')?.tenantId, 'team');
    assert.equal(chooseTenant(me([team, personal]), 'gone')?.tenantId, 'p');
    assert.equal(chooseTenant(me([team, personal]), null)?.tenantId, 'p');
    assert.equal(chooseTenant(me([team]), null)?.tenantId, 'team');
    assert.equal(chooseTenant(me([]), 'team'), null);
    assert.equal(chooseTenant(null, 'team'), null);
  });
});

describe('TOTP display', () => {
  it('groups the secret, normalises typed codes and wraps the QR SVG as an image URI', () => {
    assert.equal(groupSecret('JBSWY3DPEHPK3PXPJBSW'), 'JBSW Y3DP EHPK 3PXP JBSW');
    assert.equal(groupSecret('ABCDE'), 'ABCD E');
    assert.equal(normaliseSecondFactor(' 123 456 ', false), '123456');
    assert.equal(normaliseSecondFactor(' abcd-efgh ', true), 'abcd-efgh');
    const uri = svgDataUri('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    assert.match(uri, /^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    assert.doesNotMatch(uri, /[<>"]/);
    const file = recoveryCodesFile(['a1', 'b2'], 'Vitalis', new Date('2025-01-02T03:04:05Z'));
    assert.equal(file, 'Vitalis recovery codes\nSaved 2025-01-02. Each code works once. Keep them somewhere safe.\n\na1\nb2\n');
  });
});

describe('pending invitations', () => {
  it('leaves out accepted, withdrawn and expired ones', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const base = { email: 'x@example.org', role: 'member' as const, expiresAt: '2025-06-08T12:00:00Z' };
    const list = [
      { ...base, id: 'open' },
      { ...base, id: 'open-nulls', acceptedAt: null, revokedAt: null },
      { ...base, id: 'accepted', acceptedAt: '2025-06-01T10:00:00Z' },
      { ...base, id: 'revoked', revokedAt: '2025-06-01T10:00:00Z' },
      { ...base, id: 'expired', expiresAt: '2025-06-01T11:59:59Z' },
    ];
    assert.deepEqual(
      pendingInvitations(list, now).map((i) => i.id),
      ['open', 'open-nulls'],
    );
  });
});
