import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeEmail, changePassword } from '../../app/identity/change-credentials.ts';
import type { IdentityDeps } from '../../app/identity/identity-deps.ts';
import { requestPasswordReset, resetPassword } from '../../app/identity/password-reset.ts';
import { refreshSession } from '../../app/identity/refresh-session.ts';
import { signIn } from '../../app/identity/sign-in.ts';
import { signOut, signOutEverywhere } from '../../app/identity/sign-out.ts';
import { signUp } from '../../app/identity/sign-up.ts';
import { verifyEmail } from '../../app/identity/verify-email.ts';
import * as body from '../../contracts/auth.ts';
import { clientOf, type AuthGuard } from '../auth-guard.ts';

/** Stricter than the global limit: these routes are what a credential-stuffing bot hammers. */
const AUTH_RATE = { rateLimit: { max: 30, timeWindow: 60_000 } };
const tags = ['auth'];

export function registerAuthRoutes(app: FastifyInstance, deps: IdentityDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/sign-up',
    { config: AUTH_RATE, schema: { tags, summary: 'Create an account and a personal tenant', body: body.signUpBody, response: { 201: z.object({ user: body.publicUser, tenant: body.publicTenant }) } } },
    async (request, reply) => {
      const { user, tenant } = await signUp(deps, request.body);
      return reply.status(201).send({ user, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } });
    },
  );

  r.post(
    '/api/v1/auth/verify-email',
    { config: AUTH_RATE, schema: { tags, summary: 'Confirm an email address from the mailed link', body: body.verifyEmailBody, response: { 200: z.object({ verified: z.literal(true) }) } } },
    async (request) => verifyEmail(deps, request.body.token),
  );

  r.post(
    '/api/v1/auth/sign-in',
    { config: AUTH_RATE, schema: { tags, summary: 'Sign in with a password (and a TOTP or recovery code when enrolled)', body: body.signInBody, response: { 200: body.tokenPair } } },
    async (request) => signIn(deps, request.body, clientOf(request)),
  );

  r.post(
    '/api/v1/auth/refresh',
    { config: AUTH_RATE, schema: { tags, summary: 'Rotate a refresh token for a new pair', body: body.refreshBody, response: { 200: body.tokenPair } } },
    async (request) => refreshSession(deps, request.body.refreshToken, clientOf(request)),
  );

  r.post(
    '/api/v1/auth/sign-out',
    { schema: { tags, summary: 'End this session', body: body.signOutBody.optional() } },
    async (request, reply) => {
      const person = await guard.person(request);
      await signOut(deps, person.userId, request.body?.refreshToken, person.sessionId);
      return reply.status(204).send();
    },
  );

  r.post('/api/v1/auth/sign-out-everywhere', { schema: { tags, summary: 'End every session on every device' } }, async (request, reply) => {
    const person = await guard.person(request);
    await signOutEverywhere(deps, person.userId);
    return reply.status(204).send();
  });

  r.post(
    '/api/v1/auth/password-reset/request',
    { config: AUTH_RATE, schema: { tags, summary: 'Mail a password reset link (same answer for any address)', body: body.passwordResetRequestBody } },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email);
      return reply.status(202).send();
    },
  );

  r.post(
    '/api/v1/auth/password-reset/confirm',
    { config: AUTH_RATE, schema: { tags, summary: 'Set a new password from a reset link; ends every session', body: body.passwordResetConfirmBody } },
    async (request) => {
      await resetPassword(deps, request.body.token, request.body.password);
      return { reset: true };
    },
  );

  r.post(
    '/api/v1/auth/change-password',
    { config: AUTH_RATE, schema: { tags, summary: 'Change the password (needs the current one)', body: body.changePasswordBody } },
    async (request) => {
      const person = await guard.person(request);
      await changePassword(deps, person.userId, person.sessionId, request.body.currentPassword, request.body.newPassword);
      return { changed: true };
    },
  );

  r.post(
    '/api/v1/auth/change-email',
    { config: AUTH_RATE, schema: { tags, summary: 'Change the email (needs the current password; confirmed from the new address)', body: body.changeEmailBody } },
    async (request, reply) => {
      const person = await guard.person(request);
      await changeEmail(deps, person.userId, request.body.currentPassword, request.body.newEmail);
      return reply.status(202).send();
    },
  );
}
