import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getMe } from '../../app/identity/get-me.ts';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import { confirmTotp, disableTotp, enrollTotp } from '../../app/identity/mfa-totp.ts';
import * as body from '../../contracts/auth.ts';
import type { AuthGuard } from '../auth-guard.ts';

export function registerMeRoutes(app: FastifyInstance, deps: IdentityDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];

  r.get('/api/v1/me', { schema: { tags, summary: 'Who I am and the tenants I belong to', response: { 200: body.meResponse } } }, async (request) => {
    const person = await guard.person(request);
    return getMe(deps, person.userId);
  });

  r.post(
    '/api/v1/auth/mfa/totp/enroll',
    { schema: { tags: ['auth'], summary: 'Start TOTP enrolment', response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }) } } },
    async (request) => enrollTotp(deps, (await guard.person(request)).userId),
  );

  r.post(
    '/api/v1/auth/mfa/totp/confirm',
    { schema: { tags: ['auth'], summary: 'Confirm TOTP with a code; returns ten recovery codes', body: body.totpConfirmBody, response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } } },
    async (request) => confirmTotp(deps, (await guard.person(request)).userId, request.body.code),
  );

  r.post(
    '/api/v1/auth/mfa/totp/disable',
    { schema: { tags: ['auth'], summary: 'Turn TOTP off (needs the current password)', body: body.reauthBody } },
    async (request, reply) => {
      await disableTotp(deps, (await guard.person(request)).userId, request.body.currentPassword);
      return reply.status(204).send();
    },
  );
}
