import type { Role, WorkOrderAction, WorkOrderBilling } from '@purnajual/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../../../test/components/render';
import { at, detail, uuid } from '../../../../../../test/fixtures';
import { ActionPanel } from './action-panel';

/*
 * The refusals the office may override: a supervisor gives the reason and sends the action
 * again with it; an agent is told what to do instead and cannot send it.
 */

const other = {
  id: uuid(9),
  number: 'WO-2612-000009',
  appointmentStart: '2026-12-10T02:00:00.000Z',
  appointmentEnd: '2026-12-10T04:00:00.000Z',
};
const refusal = (code: string, extra: Record<string, unknown> = {}) => ({
  status: 409,
  body: { type: 'about:blank', title: code, status: 409, detail: 'Refused', code, ...extra },
});

/** Work order 7 with `actions` allowed, seen by a user of `role`; the first change is refused with `refused`. */
async function openPanel(
  role: Role,
  actions: WorkOrderAction[],
  refused: { status: number; body: unknown },
  billing: Partial<WorkOrderBilling> = {},
) {
  const order = detail(7, { status: actions.includes('close') ? 'completed' : 'accepted' });
  const full = { ...order, allowedActions: actions, billing: { ...order.billing, ...billing } };
  const me = { ...detail(0).customer, employeeNo: 'S-1', role, branchId: null, active: true };
  let changes = 0;
  const server = fakeServer((request) => {
    if (request.path === '/api/v1/me')
      return { status: 200, body: { ...me, version: 1, createdAt: at, updatedAt: at } };
    if (request.method === 'GET') return { status: 200, body: { items: [], nextCursor: null } };
    changes += 1;
    return changes === 1 ? refused : { status: 200, body: full };
  });
  vi.stubGlobal('fetch', server.fetch);
  const view = await renderScreen(<ActionPanel order={full} />);
  return { ...view, server };
}

const changesSent = (seen: SeenRequest[]) => seen.filter((request) => request.method === 'POST').map((r) => r.body);

async function scheduleTenToNoon(user: Awaited<ReturnType<typeof openPanel>>['user']) {
  await user.click(screen.getByRole('button', { name: 'Jadwalkan' }));
  const group = within(screen.getByRole('group', { name: 'Jadwalkan' }));
  fireEvent.change(group.getByLabelText(/^Mulai/), { target: { value: '2026-12-10T10:00' } });
  fireEvent.change(group.getByLabelText(/^Selesai/), { target: { value: '2026-12-10T12:00' } });
  await user.click(group.getByRole('button', { name: 'Jadwalkan' }));
  return group;
}

describe('the action panel', () => {
  it('names the work order a booking collides with, and lets a supervisor book it anyway with a reason', async () => {
    const { user, server } = await openPanel(
      'supervisor',
      ['schedule'],
      refusal('appointment_conflict', { conflictingWorkOrder: other }),
    );
    const group = await scheduleTenToNoon(user);
    const alert = await group.findByRole('alert');
    expect(alert.textContent).toContain('Jadwal bentrok');
    expect(alert.textContent).toContain('Teknisi sudah punya WO-2612-000009 pada 10 Des 2026');
    const submit = group.getByRole('button', { name: 'Tetap simpan' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    await user.type(group.getByLabelText(/^Alasan menjadwalkan bersamaan/), 'Unit medis, harus hari ini');
    await user.click(submit);
    await waitFor(() => expect(changesSent(server.seen)).toHaveLength(2));
    expect(changesSent(server.seen)[1]).toEqual({
      action: 'schedule',
      appointmentStart: '2026-12-10T03:00:00.000Z',
      appointmentEnd: '2026-12-10T05:00:00.000Z',
      overrideReason: 'Unit medis, harus hari ini',
    });
  });

  it('tells an agent to choose another time, with nothing to override', async () => {
    const { user, server } = await openPanel(
      'agent',
      ['schedule'],
      refusal('appointment_conflict', { conflictingWorkOrder: other }),
    );
    const group = await scheduleTenToNoon(user);
    expect((await group.findByRole('alert')).textContent).toContain('Pilih jam atau teknisi lain.');
    expect(group.queryByLabelText(/^Alasan/)).toBeNull();
    expect((group.getByRole('button', { name: 'Tetap simpan' }) as HTMLButtonElement).disabled).toBe(true);
    expect(changesSent(server.seen)).toHaveLength(1);
  });

  it("closes over a bill above the customer's approval with a supervisor's reason", async () => {
    const { user, server } = await openPanel('supervisor', ['close'], refusal('approval_outdated'));
    await user.click(screen.getByRole('button', { name: 'Tutup order' }));
    const group = within(screen.getByRole('group', { name: 'Tutup order' }));
    await user.click(group.getByRole('button', { name: 'Tutup order' }));
    expect((await group.findByRole('alert')).textContent).toContain('Tagihan naik setelah disetujui pelanggan');
    await user.type(group.getByLabelText(/^Alasan menutup tanpa persetujuan baru/), 'Disetujui lewat telepon');
    await user.click(group.getByRole('button', { name: 'Tutup tanpa persetujuan baru' }));
    await waitFor(() => expect(changesSent(server.seen)).toHaveLength(2));
    expect(changesSent(server.seen)[1]).toEqual({ action: 'close', overrideReason: 'Disetujui lewat telepon' });
  });
});
