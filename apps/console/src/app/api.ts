import { createApiClient } from '@purnajual/client';

/** The one API client of the console: same origin, session cookie. */
export const api = createApiClient();
