/*
 * The technician app's part of the service worker, imported by the one Workbox generates
 * (vite.config.ts, `importScripts`): a push from the server becomes a notification on the
 * phone, and a tap on it brings the app forward at the push's screen. A classic script,
 * as `importScripts` wants; tested in push-worker.test.ts.
 */
const appScope = new URL('./', self.location.href).pathname;

/** The push's screen when it is one of the app's, else the app's start. */
function screenOf(url) {
  if (typeof url !== 'string') return appScope;
  const target = new URL(url, self.location.origin);
  return target.origin === self.location.origin && target.pathname.startsWith(appScope)
    ? target.pathname + target.search
    : appScope;
}

function readPush(event) {
  try {
    const data = event.data?.json();
    return data && typeof data.title === 'string' ? data : null;
  } catch {
    return null;
  }
}

async function showPush(data) {
  await self.registration.showNotification(data.title, {
    body: typeof data.body === 'string' ? data.body : '',
    icon: `${appScope}icon-192.png`,
    badge: `${appScope}icon-192.png`,
    tag: typeof data.tag === 'string' ? data.tag : undefined,
    data: { url: screenOf(data.url) },
  });
}

async function openScreen(url) {
  const screen = screenOf(url);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).pathname.startsWith(appScope));
  if (!open) return self.clients.openWindow(screen);
  const focused = await open.focus();
  return focused.navigate(screen).catch(() => self.clients.openWindow(screen));
}

self.addEventListener('push', (event) => {
  const data = readPush(event);
  if (data) event.waitUntil(showPush(data));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openScreen(event.notification.data?.url));
});
