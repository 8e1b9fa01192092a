import 'fake-indexeddb/auto';
import type { WorkOrderBilling } from '@purnajual/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../../../../../test/components/render';
import { at, detail, uuid } from '../../../../../../../test/fixtures';
import { clearLocalData, db } from '../../../../data/db';
import { ApprovalCard } from './approval-card';
import { ChargesCard } from './charges-card';
import { PaymentCard } from './payment-card';

const id = uuid(7);

/** Rp 222.000 to pay for a repair with a labor choice of two amounts. */
const billing: WorkOrderBilling = {
  ...detail(7).billing,
  subtotal: 200_000,
  tax: 22_000,
  total: 222_000,
  customerPays: 222_000,
  balance: 222_000,
  priceList: { laborOptions: [150_000, 250_000], transport: 50_000 },
};

/** The changes the card left in the phone's queue, as they will be sent. */
const queued = async () =>
  (await db.queue.orderBy('seq').toArray()).map(({ label, method, path, body }) => ({ label, method, path, body }));

const card = (name: string) => within(screen.getByRole('region', { name }));

beforeEach(async () => {
  await clearLocalData();
  // With no network the change stays in the queue for the test to read.
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
});

describe('the charges card', () => {
  it('queues the labor chosen from the price list with the fixed transport', async () => {
    const { user } = await renderScreen(<ChargesCard workOrderId={id} billing={billing} />);
    const charges = card('Atur biaya');
    expect(charges.getByText('Transport: Rp 50.000')).toBeTruthy();
    await user.click(charges.getByRole('combobox', { name: 'Jasa perbaikan' }));
    await user.click(await screen.findByRole('option', { name: 'Rp\u00a0250.000', hidden: true }));
    await user.click(charges.getByRole('button', { name: 'Simpan biaya' }));
    await waitFor(async () => expect(await queued()).toHaveLength(1));
    expect(await queued()).toEqual([
      {
        label: 'charges',
        method: 'PUT',
        path: `/api/v1/work-orders/${id}/charges`,
        body: { labor: 250_000, transport: 50_000, discount: 0 },
      },
    ]);
  });
});

describe('the approval card', () => {
  const approveButton = () => card('Persetujuan pelanggan').getByRole('button', { name: 'Setujui Rp\u00a0222.000' });
  const sign = () => {
    const pad = screen.getByRole('img', { name: 'Tanda tangan persetujuan biaya' });
    fireEvent.pointerDown(pad, { pointerId: 1, buttons: 1, clientX: 10, clientY: 10, pressure: 0.5 });
    fireEvent.pointerMove(pad, { pointerId: 1, buttons: 1, clientX: 60, clientY: 40, pressure: 0.5 });
    fireEvent.pointerUp(pad, { pointerId: 1, clientX: 60, clientY: 40 });
  };

  it('cannot be approved without the signer’s name, however much was signed', async () => {
    const { user } = await renderScreen(<ApprovalCard workOrderId={id} billing={billing} waiting={false} />);
    expect((approveButton() as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Nama yang menyetujui'), '   ');
    sign();
    expect((approveButton() as HTMLButtonElement).disabled).toBe(true);
    expect(await queued()).toEqual([]);
  });

  it('queues the signature, the signer’s name and the total the customer was shown', async () => {
    const { user } = await renderScreen(<ApprovalCard workOrderId={id} billing={billing} waiting={false} />);
    await user.type(screen.getByLabelText('Nama yang menyetujui'), '  Ibu Sari ');
    sign();
    await user.click(approveButton());
    await waitFor(async () => expect(await queued()).toHaveLength(1));
    expect((await queued())[0]).toEqual({
      label: 'approval',
      method: 'POST',
      path: `/api/v1/work-orders/${id}/approval`,
      body: { signature: expect.stringMatching(/^data:image\/png/), name: 'Ibu Sari', approvedTotal: 222_000 },
    });
  });

  it('waits while a change to the bill is still to be sent: the customer would sign old figures', async () => {
    const { user } = await renderScreen(<ApprovalCard workOrderId={id} billing={billing} waiting />);
    await user.type(screen.getByLabelText('Nama yang menyetujui'), 'Ibu Sari');
    sign();
    expect((approveButton() as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the payment card', () => {
  const approved = { ...billing, approval: { ...approval(), isCurrent: true } };

  it('asks for the customer’s approval before any payment', async () => {
    await renderScreen(<PaymentCard workOrderId={id} billing={billing} mayPay={false} />);
    expect(
      card('Pembayaran').getByText(
        'Minta pelanggan menyetujui biaya di atas dulu; pembayaran dicatat setelah disetujui.',
      ),
    ).toBeTruthy();
    expect(card('Pembayaran').queryByRole('button', { name: 'Catat pembayaran' })).toBeNull();
  });

  it('queues the balance in cash unless another amount is typed, with no reference', async () => {
    const { user } = await renderScreen(<PaymentCard workOrderId={id} billing={approved} mayPay />);
    const payment = card('Pembayaran');
    expect((payment.getByLabelText('Jumlah') as HTMLInputElement).value).toBe('Rp 222.000');
    await user.click(payment.getByRole('button', { name: 'Catat pembayaran' }));
    await waitFor(async () => expect(await queued()).toHaveLength(1));
    expect((await queued())[0]).toEqual({
      label: 'payment',
      method: 'POST',
      path: `/api/v1/work-orders/${id}/payments`,
      body: { method: 'cash', amount: 222_000 },
    });
  });

  it('records nothing while the amount is emptied: what is queued is what the field shows', async () => {
    const { user } = await renderScreen(<PaymentCard workOrderId={id} billing={approved} mayPay />);
    const payment = card('Pembayaran');
    await user.clear(payment.getByLabelText('Jumlah'));
    await user.tab();
    expect((payment.getByLabelText('Jumlah') as HTMLInputElement).value).toBe('');
    const record = payment.getByRole('button', { name: 'Catat pembayaran' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    await user.click(record);
    expect(await queued()).toEqual([]);
  });

  it('queues part of the balance by transfer with the slip’s reference, and never more than the balance', async () => {
    const { user } = await renderScreen(<PaymentCard workOrderId={id} billing={approved} mayPay />);
    const payment = card('Pembayaran');
    await user.click(payment.getByRole('radio', { name: 'Transfer' }));
    const amount = payment.getByLabelText('Jumlah');
    await user.clear(amount);
    await user.type(amount, '500000');
    await user.tab();
    expect((amount as HTMLInputElement).value).toBe('Rp 222.000');
    await user.clear(amount);
    await user.type(amount, '100000');
    await user.type(payment.getByLabelText('Nomor referensi'), ' TRF-88120 ');
    await user.click(payment.getByRole('button', { name: 'Catat pembayaran' }));
    await waitFor(async () => expect(await queued()).toHaveLength(1));
    expect((await queued())[0]?.body).toEqual({ method: 'transfer', amount: 100_000, reference: 'TRF-88120' });
  });
});

function approval() {
  return {
    id: uuid(70),
    name: 'Ibu Sari',
    approvedTotal: 222_000,
    customerPays: 222_000,
    at,
    signatureUrl: '/signature.png',
    isCurrent: false,
  };
}
