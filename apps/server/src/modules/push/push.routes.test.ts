import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createManualClock,
  createUser,
  problemOf,
  signIn,
  testPassword,
} from '../../../test/app';
import { pushEnv, subscribe, subscriptionsOf } from '../../../test/push';
import { startPushService } from '../../../test/push-service';
import { maxSubscriptionsPerUser } from './push.service';

const env = pushEnv();
const clock = createManualClock();
const t = await buildTestApp({ clock, env });
const { app } = t;
const pushService = await startPushService();
const branch = await createBranch(t);
const newTechnician = () => createUser(t, 'technician', { branchId: branch.id });
const technician = await newTechnician();
const other = await newTechnician();
const agent = await createUser(t, 'agent');

describe('push subscriptions', () => {
  it("gives the server's public key to subscribe with", async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/push/key', headers: bearer(technician.token) });
    expect(response.json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
  });

  it('answers 404 push_disabled without VAPID keys, in Indonesian or English', async () => {
    const off = await buildTestApp();
    const caller = await createUser(off, 'admin');
    const key = await off.app.inject({ method: 'GET', url: '/api/v1/push/key', headers: bearer(caller.token) });
    expect(key.statusCode).toBe(404);
    expect(problemOf(key)).toMatchObject({ code: 'push_disabled', title: 'Notifikasi push tidak aktif' });
    const english = await off.app.inject({
      method: 'GET',
      url: '/api/v1/push/key',
      headers: { ...bearer(caller.token), 'accept-language': 'en' },
    });
    expect(problemOf(english).detail).toBe('This server sends no push notifications');
    const offTechnician = await createUser(off, 'technician', { branchId: (await createBranch(off)).id });
    expect((await subscribe(off, offTechnician, pushService.newBrowser())).statusCode).toBe(404);
  });

  it('refuses endpoints the server may not post to, and keys of the wrong size, naming the field', async () => {
    const browser = pushService.newBrowser();
    const refusals: [Record<string, unknown>, string][] = [
      [{ endpoint: 'not a url' }, 'body.endpoint'],
      [{ endpoint: 'ftp://push.example.com/x' }, 'body.endpoint'],
      [{ endpoint: 'http://push.example.com/x' }, 'body.endpoint'],
      [{ endpoint: 'https://10.1.2.3/x' }, 'body.endpoint'],
      [{ endpoint: 'https://192.168.0.9/x' }, 'body.endpoint'],
      [{ endpoint: 'https://169.254.169.254/latest/meta-data' }, 'body.endpoint'],
      [{ endpoint: 'https://[fd00::1]/x' }, 'body.endpoint'],
      [{ endpoint: 'https://[::ffff:10.0.0.1]/x' }, 'body.endpoint'],
      [{ endpoint: `https://push.example.com/${'x'.repeat(1000)}` }, 'body.endpoint'],
      [{ keys: { ...browser.keys, p256dh: Buffer.alloc(64, 4).toString('base64url') } }, 'body.keys.p256dh'],
      [{ keys: { ...browser.keys, auth: Buffer.alloc(15, 1).toString('base64url') } }, 'body.keys.auth'],
      [{ keys: { ...browser.keys, auth: 'not/base64url!' } }, 'body.keys.auth'],
    ];
    for (const [change, path] of refusals) {
      const response = await subscribe(t, technician, { ...browser, ...change } as typeof browser);
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(problemOf(response).errors?.map((error) => error.path)).toContain(path);
    }
    expect(await subscriptionsOf(t, technician.id)).toEqual([]);
  });

  it('takes a public https endpoint and, in tests, the loopback push service', async () => {
    const phone = await newTechnician();
    const publicEndpoint = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: pushService.newBrowser().keys };
    expect((await subscribe(t, phone, publicEndpoint)).statusCode).toBe(204);
    const local = pushService.newBrowser();
    expect((await subscribe(t, phone, local)).statusCode).toBe(204);
    expect(await subscriptionsOf(t, phone.id)).toEqual([publicEndpoint.endpoint, local.endpoint]);
  });

  it('is for technicians: the office has no phone app to push to', async () => {
    expect((await subscribe(t, agent, pushService.newBrowser())).statusCode).toBe(403);
  });

  it(`keeps the newest ${maxSubscriptionsPerUser} browsers of a user, dropping the oldest`, async () => {
    const collector = await newTechnician();
    const browsers = Array.from({ length: maxSubscriptionsPerUser + 2 }, () => pushService.newBrowser());
    for (const browser of browsers) {
      clock.advanceSeconds(1);
      expect((await subscribe(t, collector, browser)).statusCode).toBe(204);
    }
    expect(await subscriptionsOf(t, collector.id)).toEqual(browsers.slice(2).map((b) => b.endpoint));
  });

  it('moves an endpoint to the newest technician that registers it', async () => {
    const shared = pushService.newBrowser();
    await subscribe(t, technician, shared);
    await subscribe(t, other, shared);
    expect(await subscriptionsOf(t, technician.id)).not.toContain(shared.endpoint);
    expect(await subscriptionsOf(t, other.id)).toContain(shared.endpoint);
  });

  it('forgets a browser on DELETE, and one of somebody else not at all', async () => {
    const browser = pushService.newBrowser();
    await subscribe(t, technician, browser);
    const remove = (token: string) =>
      app.inject({
        method: 'DELETE',
        url: '/api/v1/push/subscription',
        headers: bearer(token),
        payload: { endpoint: browser.endpoint },
      });
    expect((await remove(other.token)).statusCode).toBe(204);
    expect(await subscriptionsOf(t, technician.id)).toContain(browser.endpoint);
    expect((await remove(technician.token)).statusCode).toBe(204);
    expect(await subscriptionsOf(t, technician.id)).not.toContain(browser.endpoint);
  });

  it("removes the browsers of a session when it signs out, and keeps the user's other sessions'", async () => {
    const nomad = await newTechnician();
    const secondSession = { token: await signIn(app, nomad.employeeNo, testPassword) };
    const first = pushService.newBrowser();
    const second = pushService.newBrowser();
    await subscribe(t, nomad, first);
    await subscribe(t, secondSession, second);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(nomad.token) });
    expect(logout.statusCode).toBe(204);
    expect(await subscriptionsOf(t, nomad.id)).toEqual([second.endpoint]);
  });
});
