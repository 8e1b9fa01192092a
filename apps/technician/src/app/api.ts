import { createApiClient } from '@purnajual/client';

/** The one API client of the app: same origin, session cookie. */
export const api = createApiClient();
