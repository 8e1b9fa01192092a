import {
  authMethodsSchema,
  loginAnswerSchema,
  loginBodySchema,
  loginResponseSchema,
  recoveryCodesSchema,
  totpConfirmBodySchema,
  totpDisableBodySchema,
  totpEnrolmentSchema,
  totpLoginBodySchema,
  totpStatusSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const authRoutes = {
  'POST /api/v1/auth/login': { body: loginBodySchema, response: loginAnswerSchema },
  'POST /api/v1/auth/login/totp': { body: totpLoginBodySchema, response: loginResponseSchema },
  'POST /api/v1/auth/logout': { response: null },
  'GET /api/v1/auth/methods': { response: authMethodsSchema },
  'GET /api/v1/auth/totp': { response: totpStatusSchema },
  'POST /api/v1/auth/totp/enrolment': { response: totpEnrolmentSchema },
  'POST /api/v1/auth/totp/enrolment/confirm': { body: totpConfirmBodySchema, response: recoveryCodesSchema },
  'POST /api/v1/auth/totp/disable': { body: totpDisableBodySchema, response: null },
} as const satisfies RouteTable;
