import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen } from '../../../../../../test/components/render';
import { PushSwitch } from './push-switch';

/*
 * The browser's Web Push stood in for: a service worker registration whose push manager
 * keeps one subscription, and a permission prompt that answers as the test says.
 */

const serverKey = Buffer.from(Uint8Array.from({ length: 65 }, (_, n) => n)).toString('base64url');
const subscriptionJson = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/phone-1',
  keys: { p256dh: 'BPhone', auth: 'secret' },
};

function fakePush({ permission = 'default', answer = 'granted' }: { permission?: string; answer?: string } = {}) {
  let current: { endpoint: string; toJSON(): unknown; unsubscribe(): Promise<boolean> } | null = null;
  const subscribedWith: Uint8Array[] = [];
  const pushManager = {
    getSubscription: async () => current,
    subscribe: async (options: { applicationServerKey: Uint8Array }) => {
      subscribedWith.push(options.applicationServerKey);
      current = {
        endpoint: subscriptionJson.endpoint,
        toJSON: () => subscriptionJson,
        unsubscribe: async () => {
          current = null;
          return true;
        },
      };
      return current;
    },
  };
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { ready: Promise.resolve({ pushManager }) },
  });
  vi.stubGlobal('PushManager', class {});
  vi.stubGlobal('Notification', { permission, requestPermission: async () => answer });
  return { subscribedWith, isSubscribed: () => current !== null };
}

const keyServer = (keyStatus = 200) =>
  fakeServer(({ path }) => {
    if (path === '/api/v1/push/key') {
      return keyStatus === 200
        ? { status: 200, body: { publicKey: serverKey } }
        : {
            status: 404,
            body: { type: 'about:blank', title: 'x', status: 404, detail: 'off', code: 'push_disabled' },
          };
    }
    return { status: 204 };
  });

let server: ReturnType<typeof keyServer>;
beforeEach(() => {
  server = keyServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

const toggle = () => screen.findByRole('switch', { name: /^Notifikasi push/ });

describe('the push notifications switch', () => {
  it("subscribes with the server's key and registers the subscription when switched on", async () => {
    const push = fakePush();
    const { user } = await renderScreen(<PushSwitch />);
    expect(((await toggle()) as HTMLInputElement).checked).toBe(false);
    await user.click(await toggle());
    await waitFor(async () => expect(((await toggle()) as HTMLInputElement).checked).toBe(true));
    expect(Buffer.from(push.subscribedWith[0] ?? []).toString('base64url')).toBe(serverKey);
    expect(server.seen.find((request) => request.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/api/v1/push/subscription',
      body: subscriptionJson,
    });
  });

  it('unsubscribes and tells the server when switched off', async () => {
    const push = fakePush();
    const { user } = await renderScreen(<PushSwitch />);
    await user.click(await toggle());
    await waitFor(async () => expect(((await toggle()) as HTMLInputElement).checked).toBe(true));
    await user.click(await toggle());
    await waitFor(async () => expect(((await toggle()) as HTMLInputElement).checked).toBe(false));
    expect(push.isSubscribed()).toBe(false);
    expect(server.seen.find((request) => request.method === 'DELETE')?.body).toEqual({
      endpoint: subscriptionJson.endpoint,
    });
  });

  it('says so when the technician refuses the permission, and subscribes nothing', async () => {
    const push = fakePush({ answer: 'denied' });
    const { user } = await renderScreen(<PushSwitch />);
    await user.click(await toggle());
    expect(await screen.findByText(/Izin notifikasi ditolak/)).toBeTruthy();
    expect(((await toggle()) as HTMLInputElement).disabled).toBe(true);
    expect(push.isSubscribed()).toBe(false);
    expect(server.seen.some((request) => request.method === 'PUT')).toBe(false);
  });

  it('says so when the browser has no Web Push', async () => {
    await renderScreen(<PushSwitch />);
    expect(await screen.findByText(/Browser ini tidak mendukung notifikasi push/)).toBeTruthy();
    expect(((await toggle()) as HTMLInputElement).disabled).toBe(true);
  });

  it('is not offered when the server sends no pushes', async () => {
    fakePush();
    server = keyServer(404);
    vi.stubGlobal('fetch', server.fetch);
    await renderScreen(<PushSwitch />);
    await waitFor(() => expect(server.seen.map((request) => request.path)).toContain('/api/v1/push/key'));
    await waitFor(() => expect(screen.queryByLabelText('Notifikasi push')).toBeNull());
    expect(screen.queryByRole('switch')).toBeNull();
  });
});
