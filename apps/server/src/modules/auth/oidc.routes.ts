import { loginResponseSchema, oidcCallbackQuerySchema, oidcStartSchema, type User } from '@purnajual/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { signInMetaOf } from './auth.routes';
import { type OidcService, SsoRefusal } from './oidc.service';
import { setSessionCookie } from './session-cookie';

export interface OidcRoutesDeps {
  /** Undefined when single sign-on is not configured: the routes then answer 404. */
  oidc: OidcService | undefined;
  users: { getProfile(id: string): Promise<User> };
}

/** Binds the sign-in to the browser that started it; Lax, as the provider's redirect back is cross-site. */
const stateCookie = 'pj_oidc_state';
const stateCookiePath = '/api/v1/auth/oidc';

/** A browser navigating (rather than a client calling the API) is answered with redirects. */
const isBrowser = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

const redirected = z
  .null()
  .describe('A browser (Accept: text/html) is redirected: to the provider, or back to the console');

export const oidcRoutes: FastifyPluginAsyncZod<OidcRoutesDeps> = async (app, { oidc, users }) => {
  const configured = () => {
    if (!oidc) throw notFound('Single sign-on');
    return oidc;
  };

  /** Logged with its reason; a browser is sent to the sign-in page, which says why. */
  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof AppError)) throw error;
    const reason = error instanceof SsoRefusal ? error.reason : error.message;
    request.log.warn({ code: error.code, reason }, 'single sign-on refused');
    reply.clearCookie(stateCookie, { path: stateCookiePath });
    if (!isBrowser(request) || error.code === 'not_found') throw error;
    return reply.redirect(`/login?sso=${error.code}`, 303);
  }

  app.get(
    '/api/v1/auth/oidc/start',
    {
      config: { access: 'public', problems: ['service_unavailable', 'not_found'] },
      schema: {
        tags: ['auth'],
        summary: 'Start a single sign-on with the OpenID Provider (authorization code with PKCE)',
        response: { 200: oidcStartSchema, 303: redirected },
      },
    },
    async (request, reply) => {
      const started = await configured()
        .start()
        .catch((error: unknown) => refuse(request, reply, error));
      if (!started) return reply;
      reply.setCookie(stateCookie, started.state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: stateCookiePath,
        maxAge: 600,
      });
      if (isBrowser(request)) return reply.redirect(started.authorizationUrl, 303);
      return { authorizationUrl: started.authorizationUrl };
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      config: {
        access: 'public',
        problems: ['sso_refused', 'sso_unknown_user', 'service_unavailable', 'not_found'],
      },
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the user back: the session of the user with that verified e-mail',
        querystring: oidcCallbackQuerySchema,
        response: { 200: loginResponseSchema, 303: redirected },
      },
    },
    async (request, reply) => {
      const service = configured();
      const at = request.url.indexOf('?');
      const query = at === -1 ? '' : request.url.slice(at + 1);
      const session = await service
        .finish(query, request.cookies[stateCookie], signInMetaOf(request))
        .catch((error: unknown) => refuse(request, reply, error));
      if (!session) return reply;
      reply.clearCookie(stateCookie, { path: stateCookiePath });
      setSessionCookie(request, reply, session);
      if (isBrowser(request)) return reply.redirect('/', 303);
      return {
        token: session.token,
        expiresAt: session.expiresAt,
        totpEnrolmentRequired: false,
        user: await users.getProfile(session.userId),
      };
    },
  );
};
