import { describe, expect, it } from 'vitest';
import { buildTestApp, createBranch, createUser } from '../../../test/app';
import { createPart, locationOf, receiveStock, requestParts, transitionRequest } from '../../../test/parts';
import { listen, openStream, sleep } from '../../../test/sse';

const t = await buildTestApp({ env: { SSE_HEARTBEAT: '1' }, withAreas: false });
const baseUrl = await listen(t.app);
const jakarta = await createBranch(t, []);
const makassar = await createBranch(t, []);
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const clerk = await createUser(t, 'warehouse', { branchId: jakarta.id });
const makassarClerk = await createUser(t, 'warehouse', { branchId: makassar.id });
const agus = await createUser(t, 'technician', { branchId: jakarta.id });
const budi = await createUser(t, 'technician', { branchId: jakarta.id });
const part = await createPart(t, clerk, { price: 45_000 });
await receiveStock(t, clerk, await locationOf(t, clerk, jakarta.id), [{ partId: part.id, quantity: 5 }]);

describe('part events on the stream', () => {
  it("reach the requesting technician and their branch's warehouse live, and nobody else, also on replay", async () => {
    const streams = {
      agus: await openStream(baseUrl, agus.token),
      budi: await openStream(baseUrl, budi.token),
      clerk: await openStream(baseUrl, clerk.token),
      makassarClerk: await openStream(baseUrl, makassarClerk.token),
      agent: await openStream(baseUrl, agent.token),
      admin: await openStream(baseUrl, admin.token),
    };
    const request = (await requestParts(t, agus, { lines: [{ partId: part.id, quantity: 2 }] })).json();
    const created = await streams.clerk.waitFor((e) => e.type === 'part_request.created' && e.data.id === request.id);
    expect(created.data).toMatchObject({ status: 'requested', technician: { id: agus.id }, totalItems: 2 });
    await streams.agus.waitFor((e) => e.type === 'part_request.created' && e.data.id === request.id);

    await transitionRequest(t, clerk, request.id, { action: 'approve' });
    await transitionRequest(t, clerk, request.id, { action: 'issue' });
    const moved = await streams.agus.waitFor((e) => e.type === 'stock.changed' && e.data.partRequestId === request.id);
    expect(moved.data).toMatchObject({ reason: 'issue' });
    expect((moved.data.levels as { quantity: number }[]).map((l) => l.quantity).sort()).toEqual([2, 3]);
    await streams.clerk.waitFor((e) => e.type === 'stock.changed' && e.data.partRequestId === request.id);
    await streams.admin.waitFor((e) => e.type === 'part_request.updated' && e.data.status === 'issued');

    await sleep(300);
    for (const name of ['budi', 'makassarClerk', 'agent'] as const) {
      expect(
        streams[name].events.filter((e) => e.type.startsWith('part_') || e.type === 'stock.changed'),
        name,
      ).toEqual([]);
    }
    // A reconnect replays from the outbox through the same rule, in SQL.
    const replayed = await openStream(baseUrl, budi.token, 0);
    const agusReplay = await openStream(baseUrl, agus.token, 0);
    await agusReplay.waitFor((e) => e.type === 'part_request.updated' && e.data.status === 'issued');
    expect(replayed.events.filter((e) => e.type.startsWith('part_') || e.type === 'stock.changed')).toEqual([]);
    for (const stream of [...Object.values(streams), replayed, agusReplay]) await stream.close();
  });
});
