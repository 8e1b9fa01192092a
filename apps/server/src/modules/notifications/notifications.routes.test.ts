import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const techs = [
  await createUser(t, 'technician', { branchId: jakarta.id }),
  await createUser(t, 'technician', { branchId: jakarta.id }),
  await createUser(t, 'technician', { branchId: jakarta.id }),
];
const makassarTech = await createUser(t, 'technician', { branchId: makassar.id });

const send = (token: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/notifications', headers: bearer(token), payload });
const inbox = async (token: string, query = '') =>
  (await app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: bearer(token) })).json();

describe('notifications from the office', () => {
  it('reach one technician, several, or a whole branch — and nobody else', async () => {
    const one = await send(agent.token, {
      title: 'Rapat pagi',
      body: 'Jam 08.00 di kantor cabang',
      technicianIds: [techs[0]?.id],
    });
    expect(one.json()).toMatchObject({ recipients: 1 });
    const several = await send(agent.token, {
      title: 'Stok freon R32 datang',
      body: 'Silakan ambil di gudang',
      technicianIds: [techs[0]?.id, techs[1]?.id],
    });
    expect(several.json()).toMatchObject({ recipients: 2 });
    const branch = await send(agent.token, {
      title: 'Libur nasional',
      body: 'Kantor tutup tanggal 25',
      branchId: jakarta.id,
    });
    expect(branch.json()).toMatchObject({ recipients: 3 });

    expect((await inbox(techs[0]?.token ?? '')).items.map((n: { title: string }) => n.title)).toEqual([
      'Libur nasional',
      'Stok freon R32 datang',
      'Rapat pagi',
    ]);
    expect((await inbox(techs[2]?.token ?? '')).items.map((n: { title: string }) => n.title)).toEqual([
      'Libur nasional',
    ]);
    expect((await inbox(makassarTech.token)).items).toEqual([]);
    const first = (await inbox(techs[0]?.token ?? '')).items[0];
    expect(first.sender).toEqual({ id: agent.id, name: agent.name });
  });

  it('keeps read state per technician, and shows the office how many have read', async () => {
    const batch = (
      await send(agent.token, { title: 'Update SOP', body: 'Baca SOP baru', branchId: jakarta.id })
    ).json();
    const before = await inbox(techs[1]?.token ?? '');
    const notification = before.items.find((n: { title: string }) => n.title === 'Update SOP');
    const unreadBefore = before.unread;
    const read = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${notification.id}/read`,
      headers: bearer(techs[1]?.token ?? ''),
    });
    expect(read.statusCode).toBe(204);
    const after = await inbox(techs[1]?.token ?? '');
    expect(after.unread).toBe(unreadBefore - 1);
    expect(after.items.find((n: { id: string }) => n.id === notification.id).readAt).not.toBeNull();
    expect((await inbox(techs[1]?.token ?? '', '?unread=true')).items.map((n: { id: string }) => n.id)).not.toContain(
      notification.id,
    );
    const otherInbox = await inbox(techs[2]?.token ?? '');
    expect(otherInbox.items.find((n: { title: string }) => n.title === 'Update SOP').readAt).toBeNull();

    const sent = (
      await app.inject({ method: 'GET', url: '/api/v1/notifications/sent', headers: bearer(agent.token) })
    ).json();
    expect(sent.items.find((b: { batchId: string }) => b.batchId === batch.batchId)).toMatchObject({
      title: 'Update SOP',
      recipients: 3,
      read: 1,
    });
    const stranger = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${notification.id}/read`,
      headers: bearer(techs[2]?.token ?? ''),
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('notifies a technician when a work order is assigned to them', async () => {
    const order = await createWorkOrder(t, agent, { customerId: (await createCustomer(t)).id });
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: bearer(agent.token),
      payload: { action: 'assign', technicianId: techs[2]?.id },
    });
    const latest = (await inbox(techs[2]?.token ?? '')).items[0];
    expect(latest).toMatchObject({ title: `Order kerja baru: ${order.number}`, workOrderId: order.id, sender: null });
  });

  it("refuses what is not the sender's to send, with field paths", async () => {
    const technician = techs[0]?.token ?? '';
    expect((await send(technician, { title: 'x', body: 'y', branchId: jakarta.id })).statusCode).toBe(403);
    const otherBranch = await send(supervisor.token, { title: 'x', body: 'y', technicianIds: [makassarTech.id] });
    expect(problemOf(otherBranch).errors?.[0]?.path).toBe('body.technicianIds.0');
    const emptyBranch = await send(supervisor.token, { title: 'x', body: 'y', branchId: makassar.id });
    expect(problemOf(emptyBranch).errors?.[0]?.path).toBe('body.branchId');
    const both = await send(agent.token, {
      title: 'x',
      body: 'y',
      branchId: jakarta.id,
      technicianIds: [techs[0]?.id],
    });
    expect(problemOf(both).errors?.[0]?.path).toBe('body.technicianIds');
    const neither = await send(agent.token, { title: 'x', body: 'y' });
    expect(neither.statusCode).toBe(400);
    const long = await send(agent.token, { title: 'x'.repeat(121), body: 'y', branchId: jakarta.id });
    expect(problemOf(long).errors?.[0]?.path).toBe('body.title');
  });
});
