import { loginBodySchema, loginResponseSchema, type User } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, sessionCookieName } from '../../platform/auth';
import { clientAddressOf } from '../../platform/client-address';
import type { AuthService } from './auth.service';

export interface AuthRoutesDeps {
  auth: AuthService;
  /** The users module's profile of whoever signed in; auth knows sessions, not people. */
  users: { getProfile(id: string): Promise<User> };
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesDeps> = async (app, { auth, users }) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', problems: ['invalid_credentials', 'rate_limited'] },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with employee number (NIK) and password',
        body: loginBodySchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body, {
        ipAddress: clientAddressOf(request),
        userAgent: request.headers['user-agent'],
      });
      const user = await users.getProfile(session.userId);
      reply.setCookie(sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return { token: session.token, expiresAt: session.expiresAt, user };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'signedIn' },
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
};
