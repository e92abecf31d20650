import type { SecretBox, VendorTokens } from '../ports.ts';

/** Binds sealed tokens to their tenant, table and connection: moved anywhere else they do not open. */
export function tokensAad(tenantId: string, connectionId: string): string {
  return `connections:sealed_tokens:${tenantId}:${connectionId}`;
}

export function sealTokens(box: SecretBox, tenantId: string, connectionId: string, tokens: VendorTokens): string {
  const { accessToken, refreshToken, expiresAt, scopes } = tokens;
  return box.seal(JSON.stringify({ accessToken, refreshToken, expiresAt, scopes }), tokensAad(tenantId, connectionId));
}

export function openTokens(box: SecretBox, tenantId: string, connectionId: string, sealed: string): VendorTokens {
  return JSON.parse(box.open(sealed, tokensAad(tenantId, connectionId))) as VendorTokens;
}
