import type { Role } from '@purnajual/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { Actor, ResolvedSession } from './actor';

/**
 * Who may call a route. Every route declares it (`config.access`); a route without a
 * declaration refuses to register, so nothing is public by accident.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A session that must enrol a second factor may call it (the enrolment itself, `/me`, sign-out). */
    duringTotpEnrolment?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the session token arrived; cookie-borne requests get the CSRF check. */
    authVia: 'cookie' | 'bearer' | null;
  }
}

export const sessionCookieName = 'pj_session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function readToken(request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1]) return { token: match[1], via: 'bearer' };
    return null;
  }
  const cookie = request.cookies[sessionCookieName];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * A browser sends the session cookie with cross-site requests it makes on a page's
 * behalf; SameSite stops most of those, and this stops the rest: a cookie-authenticated
 * state change must come from our own origin.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Routes outside the API (health, docs, the built apps) are public unless they say otherwise. */
function defaultAccess(url: string): Access | undefined {
  return url.startsWith('/api/v1/') ? undefined : 'public';
}

/** What the request hook asks of the auth module: the actor a session token stands for. */
export interface SessionResolver {
  resolveSession(token: string): Promise<ResolvedSession | null>;
}

export function registerAuth(app: FastifyInstance, auth: SessionResolver) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? defaultAccess(route.url);
    if (access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
    route.config = { ...route.config, access };
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    // Unmatched routes reach the not-found handler with no access declared.
    if (access === undefined || access === 'public') return;
    const credentials = readToken(request);
    const session = credentials ? await auth.resolveSession(credentials.token) : null;
    if (!session || !credentials) throw new AppError('unauthenticated', 'Sign in to continue');
    if (credentials.via === 'cookie' && !safeMethods.has(request.method) && isCrossSite(request)) {
      throw new AppError('forbidden', 'Cross-site requests are not allowed');
    }
    const { actor } = session;
    request.actor = actor;
    request.authVia = credentials.via;
    if (session.totpEnrolmentPending && !request.routeOptions.config.duringTotpEnrolment) {
      throw new AppError('totp_enrolment_required', {
        en: 'Set up two-factor sign-in first',
        id: 'Atur dulu verifikasi dua langkah',
      });
    }
    if (access !== 'signedIn' && !access.includes(actor.role)) {
      throw new AppError('forbidden', 'Your role may not do this');
    }
  });
}

/** The signed-in actor of a route whose access is not public. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue');
  return request.actor;
}
