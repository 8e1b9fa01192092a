import {
  consoleRoles,
  recoveryCodesSchema,
  totpConfirmBodySchema,
  totpDisableBodySchema,
  totpEnrolmentSchema,
  totpStatusSchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../platform/auth';
import type { TwoFactorService } from './two-factor.service';

/** A session that must enrol may reach these: they are how it gets out of that state. */
const enrolment = { access: consoleRoles, duringTotpEnrolment: true } as const;

export const twoFactorRoutes: FastifyPluginAsyncZod<{ twoFactor: TwoFactorService }> = async (app, { twoFactor }) => {
  app.get(
    '/api/v1/auth/totp',
    {
      config: enrolment,
      schema: {
        tags: ['auth'],
        summary: 'Whether the signed-in user has two-factor sign-in (TOTP), must have it, and recovery codes left',
        response: { 200: totpStatusSchema },
      },
    },
    async (request) => twoFactor.status(requireActor(request)),
  );

  app.post(
    '/api/v1/auth/totp/enrolment',
    {
      config: enrolment,
      schema: {
        tags: ['auth'],
        summary: 'Start (or restart) an enrolment: a new secret, in force once a code of it is confirmed',
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (request) => twoFactor.startEnrolment(requireActor(request)),
  );

  app.post(
    '/api/v1/auth/totp/enrolment/confirm',
    {
      config: { ...enrolment, problems: ['invalid_second_factor', 'conflict'] },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the enrolment with a code: answers ten recovery codes, shown this once',
        body: totpConfirmBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const recoveryCodes = await twoFactor.confirmEnrolment(actor, request.body.code).catch((error: unknown) => {
        if (error instanceof AppError) request.log.warn({ code: error.code, userId: actor.id }, 'enrolment refused');
        throw error;
      });
      return { recoveryCodes };
    },
  );

  app.post(
    '/api/v1/auth/totp/disable',
    {
      config: { access: consoleRoles, problems: ['invalid_second_factor', 'invalid_credentials'] },
      schema: {
        tags: ['auth'],
        summary: 'Switch two-factor sign-in off with a current code or the password (not for a role that must have it)',
        body: totpDisableBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await twoFactor.disable(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
