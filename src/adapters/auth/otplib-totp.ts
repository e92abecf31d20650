import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { TotpService } from '../../app/ports.ts';

/** RFC 6238 TOTP: 30 s steps, 6 digits, one step of drift either way. */
export const otplibTotp: TotpService = {
  newSecret: () => generateSecret(),
  uri: (secret, account, issuer) => generateURI({ secret, label: account, issuer }),
  qrSvg: (uri) => QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  async verify(secret, code, at, afterStep) {
    if (!/^\d{6}$/.test(code)) return undefined;
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(at.getTime() / 1000),
      epochTolerance: 30,
      ...(afterStep !== undefined ? { afterTimeStep: afterStep } : {}),
    });
    // The functional API types the result for HOTP and TOTP alike; TOTP results carry the step.
    return result.valid && 'timeStep' in result ? (result.timeStep as number) : undefined;
  },
};
