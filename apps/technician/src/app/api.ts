import { createApiClient } from '@purnajual/client';
import { recordServerTime } from '../data/clock-offset';

/** The one API client of the app: same origin, session cookie; every answer tells the phone's clock error. */
export const api = createApiClient({
  onResponse: (response, requestedAt) => recordServerTime(response.headers.get('date'), requestedAt),
});
