import type { WorkOrderBilling } from '@purnajual/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../../../test/components/render';
import { at, detail, uuid } from '../../../../../../test/fixtures';
import { BillingPanel } from './billing-panel';

const id = uuid(7);

/** A completed repair the customer signed for: Rp 222.000 to pay, nothing paid yet. */
const owed: Partial<WorkOrderBilling> = {
  subtotal: 200_000,
  tax: 22_000,
  total: 222_000,
  customerPays: 222_000,
  charges: { labor: 150_000, transport: 50_000, discount: 0 },
  version: 1,
  approval: {
    id: uuid(70),
    name: 'Ibu Sari',
    approvedTotal: 222_000,
    customerPays: 222_000,
    at,
    signatureUrl: '/signature.png',
    isCurrent: true,
  },
  balance: 222_000,
};

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) => ({
  status,
  body: { type: 'about:blank', title: code, status, detail: 'Refused', code, ...(errors ? { errors } : {}) },
});

/**
 * The billing panel of work order 7 for a supervisor; `answerChange` answers what the form
 * sends (the bill is read back as it was).
 */
async function openPanel(
  billing: Partial<WorkOrderBilling>,
  answerChange: (request: SeenRequest) => { status: number; body?: unknown },
) {
  const order = detail(7, { status: 'completed' });
  const full = { ...order, billing: { ...order.billing, ...billing } };
  const me = { ...detail(0).customer, employeeNo: 'S-1', role: 'supervisor', branchId: null, active: true };
  const server = fakeServer((request) => {
    if (request.path === '/api/v1/me')
      return { status: 200, body: { ...me, version: 1, createdAt: at, updatedAt: at } };
    if (request.method === 'GET') return { status: 200, body: full };
    return answerChange(request);
  });
  vi.stubGlobal('fetch', server.fetch);
  const view = await renderScreen(<BillingPanel order={full} timeZone="Asia/Jakarta" />);
  return { ...view, server };
}

const changesSent = (seen: SeenRequest[]) =>
  seen.filter((request) => request.method !== 'GET').map(({ method, path, body }) => ({ method, path, body }));

const form = (name: string) => within(screen.getByRole('form', { name }));

describe('the payment form', () => {
  it('takes nothing while the amount is empty, and sends the amount and the slip reference typed', async () => {
    const { user, server } = await openPanel(owed, () => problem(503, 'service_unavailable'));
    await user.click(screen.getByRole('button', { name: 'Catat pembayaran' }));
    const payment = form('Catat pembayaran');
    const amount = payment.getByLabelText(/^Jumlah bayar/);
    expect((amount as HTMLInputElement).value).toBe('Rp 222.000');
    await user.clear(amount);
    expect((payment.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(amount, '{Enter}');
    expect(changesSent(server.seen)).toEqual([]);

    await user.type(amount, '100000');
    await user.click(payment.getByRole('combobox', { name: /^Metode pembayaran/ }));
    // The dropdown is still fading in (happy-dom runs no transitions), so its options count as hidden.
    await user.click(await screen.findByRole('option', { name: 'Transfer', hidden: true }));
    await user.type(payment.getByLabelText(/^Nomor referensi/), '  TRF-88120  ');
    await user.click(payment.getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(changesSent(server.seen)).toHaveLength(1));
    expect(changesSent(server.seen)).toEqual([
      {
        method: 'POST',
        path: `/api/v1/work-orders/${id}/payments`,
        body: { method: 'transfer', amount: 100_000, reference: 'TRF-88120' },
      },
    ]);
  });

  it('shows the server’s reason next to the amount, and the balance when the payment is more than it', async () => {
    let answer = problem(400, 'validation_failed', [{ path: 'body.amount', message: 'Jumlah terlalu besar.' }]);
    const { user } = await openPanel(owed, () => answer);
    await user.click(screen.getByRole('button', { name: 'Catat pembayaran' }));
    const payment = form('Catat pembayaran');
    await user.click(payment.getByRole('button', { name: 'Simpan' }));
    const amount = payment.getByLabelText(/^Jumlah bayar/);
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Jumlah terlalu besar.',
    );
    expect(payment.queryByRole('alert')).toBeNull();

    answer = problem(409, 'payment_exceeds_balance');
    await user.click(payment.getByRole('button', { name: 'Simpan' }));
    expect((await payment.findByRole('alert')).textContent).toBe(
      'Jumlah melebihi sisa tagihan (Rp\u00a0222.000). Pembayaran tidak dicatat.',
    );
  });
});

describe('the charges form', () => {
  it('keeps the charges while one is empty, and sends the three amounts under the version seen', async () => {
    const { user, server } = await openPanel(owed, () => ({ status: 200, body: { ...detail(7).billing, ...owed } }));
    await user.click(screen.getByRole('button', { name: 'Ubah biaya' }));
    const charges = form('Ubah biaya');
    const discount = charges.getByLabelText(/^Diskon/);
    await user.clear(discount);
    expect((charges.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(discount, '25000');
    await user.click(charges.getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(changesSent(server.seen)).toHaveLength(1));
    expect(changesSent(server.seen)).toEqual([
      {
        method: 'PUT',
        path: `/api/v1/work-orders/${id}/charges`,
        body: { labor: 150_000, transport: 50_000, discount: 25_000 },
      },
    ]);
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Ubah biaya' })).toBeNull());
  });

  it('says in Indonesian why charges below what was paid are refused', async () => {
    const { user } = await openPanel({ ...owed, paid: 222_000, balance: 0 }, () => problem(409, 'conflict'));
    await user.click(screen.getByRole('button', { name: 'Ubah biaya' }));
    const charges = form('Ubah biaya');
    await user.clear(charges.getByLabelText(/^Jasa servis/));
    await user.type(charges.getByLabelText(/^Jasa servis/), '50000');
    await user.click(charges.getByRole('button', { name: 'Simpan' }));
    expect((await charges.findByRole('alert')).textContent).toBe(
      'Pelanggan sudah membayar Rp\u00a0222.000, lebih dari biaya yang baru. Biaya tidak diubah.',
    );
  });
});

describe('the refund form', () => {
  const overpaid = { ...owed, paid: 272_000, balance: -50_000 };

  it('needs a reason, then sends a credit note with the amount and the reason only', async () => {
    const { user, server } = await openPanel(overpaid, () => problem(503, 'service_unavailable'));
    await user.click(await screen.findByRole('button', { name: 'Catat pengembalian' }));
    const refund = form('Catat pengembalian');
    expect((refund.getByLabelText(/^Jumlah/) as HTMLInputElement).value).toBe('Rp 50.000');
    expect((refund.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(refund.getByLabelText(/^Alasan/), '   ');
    expect((refund.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement).disabled).toBe(true);
    expect(changesSent(server.seen)).toEqual([]);

    expect(refund.getByRole('combobox', { name: /^Cara pengembalian/ })).toBeTruthy();
    await user.click(refund.getByRole('radio', { name: 'Nota kredit' }));
    expect(refund.queryByRole('combobox', { name: /^Cara pengembalian/ })).toBeNull();
    await user.type(refund.getByLabelText(/^Alasan/), 'Dipakai untuk servis berikutnya');
    await user.click(refund.getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(changesSent(server.seen)).toHaveLength(1));
    expect(changesSent(server.seen)[0]).toEqual({
      method: 'POST',
      path: `/api/v1/work-orders/${id}/refunds`,
      body: { kind: 'credit_note', amount: 50_000, reason: 'Dipakai untuk servis berikutnya' },
    });
  });

  it('shows the most that can be given back when the server refuses more', async () => {
    const { user } = await openPanel(overpaid, () => problem(409, 'refund_exceeds_overpayment'));
    await user.click(await screen.findByRole('button', { name: 'Catat pengembalian' }));
    const refund = form('Catat pengembalian');
    await user.type(refund.getByLabelText(/^Alasan/), 'Salah hitung');
    await user.click(refund.getByRole('button', { name: 'Simpan' }));
    expect((await refund.findByRole('alert')).textContent).toBe(
      'Jumlah melebihi kelebihan bayar (Rp\u00a050.000). Tidak dicatat.',
    );
  });
});
