import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../../platform/auth';

/** The session cookie of every way of signing in: script cannot read it, other sites cannot send it. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; expiresAt: string },
) {
  reply.setCookie(sessionCookieName, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(session.expiresAt),
  });
}
