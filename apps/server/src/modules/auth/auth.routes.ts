import {
  authMethodsSchema,
  loginAnswerSchema,
  loginBodySchema,
  loginResponseSchema,
  totpLoginBodySchema,
  type User,
} from '@purnajual/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor, sessionCookieName } from '../../platform/auth';
import { clientAddressOf } from '../../platform/client-address';
import type { AuthService, LoginMeta, NewSession } from './auth.service';
import { setSessionCookie } from './session-cookie';

export interface AuthRoutesDeps {
  auth: AuthService;
  /** The users module's profile of whoever signed in; auth knows sessions, not people. */
  users: { getProfile(id: string): Promise<User> };
  /** Whether single sign-on is configured, for the sign-in page's button. */
  isOidcConfigured: boolean;
}

export const signInMetaOf = (request: FastifyRequest): LoginMeta => ({
  ipAddress: clientAddressOf(request),
  userAgent: request.headers['user-agent'],
});

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesDeps> = async (app, { auth, users, isOidcConfigured }) => {
  const answerWith = async (session: NewSession) => ({
    token: session.token,
    expiresAt: session.expiresAt,
    totpEnrolmentRequired: session.totpEnrolmentRequired,
    user: await users.getProfile(session.userId),
  });

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', problems: ['invalid_credentials', 'rate_limited'] },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with employee number (NIK) and password: the session, or a challenge for the second factor',
        body: loginBodySchema,
        response: { 200: loginAnswerSchema },
      },
    },
    async (request, reply) => {
      const outcome = await auth.login(request.body, signInMetaOf(request));
      if (outcome.kind === 'challenge') {
        const { kind: _, ...challenge } = outcome;
        return challenge;
      }
      setSessionCookie(request, reply, outcome);
      return answerWith(outcome);
    },
  );

  app.post(
    '/api/v1/auth/login/totp',
    {
      config: { access: 'public', problems: ['invalid_second_factor', 'sign_in_expired', 'rate_limited'] },
      schema: {
        tags: ['auth'],
        summary: 'Second step of a sign-in: the challenge and a code of the authenticator app, or a recovery code',
        body: totpLoginBodySchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const meta = signInMetaOf(request);
      const session = await auth.loginWithTotp(request.body, meta).catch((error: unknown) => {
        if (error instanceof AppError)
          request.log.warn({ code: error.code, ipAddress: meta.ipAddress }, 'second factor refused');
        throw error;
      });
      setSessionCookie(request, reply, session);
      return answerWith(session);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'signedIn', duringTotpEnrolment: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revokes the session and ends its event streams',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.logout(requireActor(request));
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/methods',
    {
      // Nothing of its own to refuse; a malformed request line is refused here as anywhere.
      config: { access: 'public', problems: ['bad_request'] },
      schema: {
        tags: ['auth'],
        summary: 'How the console may sign in: password always, single sign-on when configured',
        response: { 200: authMethodsSchema },
      },
    },
    async () => ({ password: true as const, oidc: isOidcConfigured }),
  );
};
