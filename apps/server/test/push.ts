import webpush from 'web-push';
import { bearer, type TestApp } from './app';
import type { TestBrowser } from './push-service';

/** The settings that switch push on, with a fresh VAPID key pair, for a test's own push service on loopback. */
export function pushEnv() {
  const keys = webpush.generateVAPIDKeys();
  return {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:admin@purnajual.test',
    PUSH_ALLOW_INSECURE_ENDPOINTS: 'true',
    PUSH_POLL_INTERVAL_MS: '50',
  };
}

/** Registers a browser for the caller's session, as the technician app does. */
export const subscribe = ({ app }: Pick<TestApp, 'app'>, caller: { token: string }, browser: TestBrowser) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/push/subscription',
    headers: bearer(caller.token),
    payload: { ...browser, expirationTime: null },
  });

/** The endpoints registered for a user, oldest first. */
export const subscriptionsOf = async ({ database }: TestApp, userId: string) =>
  (
    await database.db
      .selectFrom('push_subscription')
      .select('endpoint')
      .where('userId', '=', userId)
      .orderBy('updatedAt')
      .execute()
  ).map((row) => row.endpoint);
