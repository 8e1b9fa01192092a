import {
  authMethodsSchema,
  loginAnswerSchema,
  loginBodySchema,
  loginResponseSchema,
  oidcCallbackQuerySchema,
  oidcStartSchema,
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
  // A browser (Accept: text/html) is redirected instead; the console links to them with `pathOf`.
  'GET /api/v1/auth/oidc/start': { response: oidcStartSchema },
  'GET /api/v1/auth/oidc/callback': { query: oidcCallbackQuerySchema, response: loginResponseSchema },
} as const satisfies RouteTable;
