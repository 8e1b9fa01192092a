import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

/*
 * public/push-worker.js run as the service worker runs it, in a scope of its own with the
 * worker's globals stood in for: what it shows on `push`, and where a tap leads.
 */

const source = readFileSync(new URL('../public/push-worker.js', import.meta.url), 'utf8');
const origin = 'https://servis.purnajual.co.id';

interface FakeWindow {
  url: string;
  focused: boolean;
  navigatedTo: string | null;
  focus(): Promise<FakeWindow>;
  navigate(url: string): Promise<FakeWindow>;
}

function fakeWindow(url: string): FakeWindow {
  const window: FakeWindow = {
    url,
    focused: false,
    navigatedTo: null,
    async focus() {
      window.focused = true;
      return window;
    },
    async navigate(to) {
      window.navigatedTo = to;
      return window;
    },
  };
  return window;
}

function startWorker(windows: FakeWindow[] = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const self = {
    location: new URL(`${origin}/m/sw.js`),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => {
        shown.push({ title, options });
      },
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  };
  runInNewContext(source, { self, URL });
  /** Fires an event and waits for what it asked to wait for. */
  async function fire(type: string, event: Record<string, unknown>) {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({ ...event, waitUntil: (promise: Promise<unknown>) => (work = promise) });
    await work;
  }
  const push = (data: unknown) => fire('push', { data: { json: () => data } });
  const tap = (url: unknown) => {
    const notification = { data: { url }, closed: false, close: () => (notification.closed = true) };
    return fire('notificationclick', { notification }).then(() => notification);
  };
  return { shown, opened, push, tap, fire };
}

describe('the push part of the service worker', () => {
  it('shows a push as a notification with its title, body, icon, tag and screen', async () => {
    const worker = startWorker();
    await worker.push({
      title: 'Order kerja baru: WO-2612-000042',
      body: 'Ibu Sri Wahyuni — AC tidak dingin',
      url: '/m/work-orders/0193-abc',
      tag: 'work-order-0193-abc',
    });
    expect(worker.shown).toEqual([
      {
        title: 'Order kerja baru: WO-2612-000042',
        options: {
          body: 'Ibu Sri Wahyuni — AC tidak dingin',
          icon: '/m/icon-192.png',
          badge: '/m/icon-192.png',
          tag: 'work-order-0193-abc',
          data: { url: '/m/work-orders/0193-abc' },
        },
      },
    ]);
  });

  it('shows nothing for a push it cannot read', async () => {
    const worker = startWorker();
    await worker.push({ body: 'no title' });
    await worker.fire('push', { data: { json: () => JSON.parse('not json') } });
    await worker.fire('push', { data: null });
    expect(worker.shown).toEqual([]);
  });

  it('keeps a tap inside the app: a foreign URL leads to its start', async () => {
    const worker = startWorker();
    await worker.push({ title: 'x', body: 'y', url: 'https://evil.example/phish', tag: 't' });
    expect(worker.shown[0]?.options.data).toEqual({ url: '/m/' });
  });

  it('on a tap, focuses the open app and takes it to the screen', async () => {
    const console = fakeWindow(`${origin}/work-orders`);
    const app = fakeWindow(`${origin}/m/`);
    const worker = startWorker([console, app]);
    const notification = await worker.tap('/m/notifications');
    expect(notification.closed).toBe(true);
    expect(app).toMatchObject({ focused: true, navigatedTo: '/m/notifications' });
    expect(console.focused).toBe(false);
    expect(worker.opened).toEqual([]);
  });

  it('on a tap with the app closed, opens it at the screen', async () => {
    const worker = startWorker();
    await worker.tap('/m/work-orders/0193-abc');
    expect(worker.opened).toEqual(['/m/work-orders/0193-abc']);
  });
});
