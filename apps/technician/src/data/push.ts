import { ApiError } from '@purnajual/client';
import { pushKeySchema } from '@purnajual/contract';
import { api } from '../app/api';

/**
 * Where push notifications stand on this phone: the browser has no Web Push (or no
 * service worker yet); the server sends none; the technician refused the permission; off;
 * on. Anything but `off` and `on` is said under the switch, which is then disabled.
 */
export type PushState = 'unsupported' | 'serverOff' | 'denied' | 'off' | 'on';

/** How long to wait for the service worker: in development, or before its first install, there is none. */
const workerWaitMs = 5000;

const isSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function workerRegistration(): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), workerWaitMs));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

async function serverKey(): Promise<string | null> {
  try {
    return (await api.request('GET /api/v1/push/key', pushKeySchema)).publicKey;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'push_disabled') return null;
    throw error;
  }
}

const keyBytes = (base64Url: string) =>
  Uint8Array.from(atob(base64Url.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

/** What the switch shows: asks the server whether it sends pushes, and the browser whether it has a subscription. */
export async function readPushState(): Promise<PushState> {
  if (!isSupported()) return 'unsupported';
  if ((await serverKey()) === null) return 'serverOff';
  if (Notification.permission === 'denied') return 'denied';
  const registration = await workerRegistration();
  if (!registration) return 'unsupported';
  return (await registration.pushManager.getSubscription()) ? 'on' : 'off';
}

/** Asks the permission, subscribes with the server's key and registers the subscription with the server. */
export async function enablePush(): Promise<PushState> {
  if (!isSupported()) return 'unsupported';
  const key = await serverKey();
  if (key === null) return 'serverOff';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await workerRegistration();
  if (!registration) return 'unsupported';
  // One made with a key the server no longer has would never get a push: start afresh.
  await (await registration.pushManager.getSubscription())?.unsubscribe();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  const { endpoint, keys } = subscription.toJSON();
  await api.send('PUT /api/v1/push/subscription', {
    body: { endpoint: endpoint ?? '', keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' } },
  });
  return 'on';
}

/** Unsubscribes this browser; with `tellServer`, the server forgets it too (a sign-out's logout does that itself). */
export async function disablePush({ tellServer }: { tellServer: boolean }): Promise<void> {
  if (!isSupported()) return;
  const registration = await workerRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  if (tellServer) await api.send('DELETE /api/v1/push/subscription', { body: { endpoint } });
}
