import { describe, expect, it } from 'vitest';
import { bearer, buildTestInstances, createBranch, createManualClock, createUser } from '../../../test/app';
import { pushEnv, subscribe } from '../../../test/push';
import { eventually, startPushService } from '../../../test/push-service';

/*
 * Two server instances on one database, both draining the push outbox: each push is
 * claimed by one of them and reaches the browser once, whichever instance wrote it.
 */

const clock = createManualClock();
const t = await buildTestInstances(2, { clock, env: pushEnv() });
const pushService = await startPushService();
const branch = await createBranch(t);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });

describe('pushes on two instances', () => {
  it('reach each browser once per notification', async () => {
    const browsers = [pushService.newBrowser(), pushService.newBrowser()];
    for (const browser of browsers) expect((await subscribe(t, technician, browser)).statusCode).toBe(204);
    const titles = Array.from({ length: 12 }, (_, n) => `Pengumuman ${n + 1}`);
    await Promise.all(
      titles.map((title, n) =>
        t.instances[n % 2]?.app.inject({
          method: 'POST',
          url: '/api/v1/notifications',
          headers: bearer(agent.token),
          payload: { title, body: 'Cek aplikasi', technicianIds: [technician.id] },
        }),
      ),
    );
    await eventually(
      () => browsers.every((browser) => pushService.pushesTo(browser).length >= titles.length),
      'every push',
    );
    // Late duplicates would come from a second claim: give them the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const browser of browsers) {
      const received = pushService.pushesTo(browser).map((push) => push.payload.title);
      expect(received.sort()).toEqual([...titles].sort());
      expect(pushService.attemptsAt(new URL(browser.endpoint).pathname)).toBe(titles.length);
    }
  });
});
