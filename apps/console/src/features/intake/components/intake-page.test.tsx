import type { Customer, CustomerProduct, WorkOrderSummary } from '@purnajual/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../../../test/components/render';
import { summary } from '../../../../../../test/fixtures';
import { IntakePage } from './intake-page';

const at = new Date().toISOString();
const customerId = '0193e000-0000-7000-8000-000000000001';

function unit(n: number, serialNumber: string): CustomerProduct {
  return {
    id: `0193e000-0000-7000-8000-00000000010${n}`,
    customerId,
    model: { code: 'AC-SEJUK-05', brand: 'Sejuk', name: 'AC 1/2 PK', category: 'ac', warrantyMonths: 12 },
    serialNumber,
    purchaseDate: null,
    warrantyUntil: null,
    createdAt: at,
    ownershipHistory: [],
  };
}

const customerWith = (products: CustomerProduct[]): Customer => ({
  id: customerId,
  name: 'Ibu Sari Wulandari',
  phone: '+6281355554417',
  phones: [{ number: '+6281355554417', label: 'mobile', isPrimary: true }],
  email: null,
  address: 'Jl. Kemang Raya 1',
  areaCode: '31.74.01',
  areaName: 'Mampang Prapatan, Jakarta Selatan, DKI Jakarta',
  products,
  messagesOptOut: false,
  language: 'id',
  version: 1,
  createdAt: at,
  updatedAt: at,
});

const page = <T,>(items: T[]) => ({ items, nextCursor: null });

/**
 * The intake screen over a server that knows one caller with `products` and `open` work
 * orders; the work order itself is refused (a 503), so that what the screen sent is what the
 * test reads.
 */
async function takeCall(products: CustomerProduct[], open: WorkOrderSummary[] = []) {
  const customer = customerWith(products);
  const server = fakeServer(({ method, path }: SeenRequest) => {
    if (path.startsWith('/api/v1/customers?')) return { status: 200, body: page([customer]) };
    if (path === `/api/v1/customers/${customerId}`) return { status: 200, body: customer };
    if (method === 'GET' && path.startsWith('/api/v1/work-orders')) return { status: 200, body: page(open) };
    return {
      status: 503,
      body: { type: 'about:blank', title: 'x', status: 503, detail: 'x', code: 'service_unavailable' },
    };
  });
  vi.stubGlobal('fetch', server.fetch);
  const view = await renderScreen(<IntakePage />);
  await view.user.type(screen.getByRole('textbox', { name: /Cari pelanggan/ }), '4417');
  await view.user.click(await screen.findByRole('button', { name: /Pilih/ }));
  const units = await screen.findByRole('radiogroup', { name: /^Produk/ });
  return { ...view, server, units };
}

const workOrdersSent = (seen: SeenRequest[]) =>
  seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/work-orders');

describe('intake of a repeat call', () => {
  it('takes the only unit the caller owns, and sends the work order for it', async () => {
    const only = unit(1, 'SJK0001');
    const { user, server } = await takeCall([only]);
    expect((screen.getByRole('radio', { name: /SJK0001/ }) as HTMLInputElement).checked).toBe(true);
    await user.type(screen.getByLabelText(/^Keluhan/), 'AC tidak dingin lagi');
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    await waitFor(() => expect(workOrdersSent(server.seen)).toHaveLength(1));
    expect(workOrdersSent(server.seen)[0]?.body).toMatchObject({ customerId, customerProductId: only.id });
  });

  it('asks which unit when the caller owns several, and sends nothing until the agent says', async () => {
    const second = unit(2, 'SJK0002');
    const { user, server, units } = await takeCall([unit(1, 'SJK0001'), second]);
    const radios = within(units).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    for (const radio of radios) expect((radio as HTMLInputElement).checked).toBe(false);
    await user.type(screen.getByLabelText(/^Keluhan/), 'AC tidak dingin lagi');
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    expect(await screen.findByText(/pilih unit yang dikeluhkan/)).toBeTruthy();
    expect(workOrdersSent(server.seen)).toEqual([]);
    await user.click(screen.getByRole('radio', { name: /SJK0002/ }));
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    await waitFor(() => expect(workOrdersSent(server.seen)).toHaveLength(1));
    expect(workOrdersSent(server.seen)[0]?.body).toMatchObject({ customerProductId: second.id });
  });
});

/** The message shown under a field, as a screen reader announces it with the field. */
const messageOf = (field: HTMLElement) =>
  field.getAttribute('aria-invalid') === 'true'
    ? document.getElementById(
        field
          .getAttribute('aria-describedby')
          ?.split(' ')
          .find((id) => id.endsWith('-error')) ?? '',
      )?.textContent
    : undefined;

describe('the intake form’s checks', () => {
  it('asks for the caller and the complaint next to their fields before anything is sent', async () => {
    const server = fakeServer(() => ({ status: 200, body: page([]) }));
    vi.stubGlobal('fetch', server.fetch);
    const { user } = await renderScreen(<IntakePage />);
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    const search = screen.getByRole('textbox', { name: /Cari pelanggan/ });
    expect(messageOf(search)).toBe('Cari dan pilih pelanggan dulu.');
    expect(messageOf(screen.getByLabelText(/^Keluhan/))).toBe('Wajib diisi.');
    expect(document.activeElement).toBe(search);
    expect(workOrdersSent(server.seen)).toEqual([]);
  });

  it('refuses a complaint of spaces only or over 2,000 characters, and puts the agent back in it', async () => {
    const { user, server } = await takeCall([unit(1, 'SJK0001')]);
    const complaint = screen.getByLabelText(/^Keluhan/);
    await user.type(complaint, '   ');
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    expect(messageOf(complaint)).toBe('Wajib diisi.');
    expect(document.activeElement).toBe(complaint);
    await user.clear(complaint);
    await user.click(complaint);
    await user.paste('a'.repeat(2001));
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    expect(messageOf(complaint)).toBe('Terlalu panjang: maksimal 2000 karakter.');
    expect(workOrdersSent(server.seen)).toEqual([]);
  });

  it('sends exactly what the agent chose: the unit, the complaint, carry-in and the priority', async () => {
    const only = unit(1, 'SJK0001');
    const { user, server } = await takeCall([only]);
    await user.type(screen.getByLabelText(/^Keluhan/), 'Remote tidak berfungsi');
    await user.click(screen.getByRole('radio', { name: 'Bawa ke cabang' }));
    await user.click(screen.getByRole('combobox', { name: 'Prioritas' }));
    await user.click(await screen.findByRole('option', { name: 'Mendesak', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    await waitFor(() => expect(workOrdersSent(server.seen)).toHaveLength(1));
    expect(workOrdersSent(server.seen)[0]?.body).toEqual({
      customerId,
      customerProductId: only.id,
      complaint: 'Remote tidak berfungsi',
      serviceType: 'carry_in',
      priority: 'urgent',
    });
  });

  it('asks before a second work order for a caller with one open, and sends it only when the agent confirms', async () => {
    const open = summary(5, { customer: { ...summary(5).customer, id: customerId } });
    const { user, server } = await takeCall([unit(1, 'SJK0001')], [open]);
    await user.type(screen.getByLabelText(/^Keluhan/), 'AC bocor');
    await user.click(screen.getByRole('button', { name: 'Buat order kerja' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pelanggan ini masih punya order terbuka' });
    expect(within(dialog).getByRole('link', { name: 'Buka WO-2611-000005' })).toBeTruthy();
    expect(workOrdersSent(server.seen)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Tetap buat order baru' }));
    await waitFor(() => expect(workOrdersSent(server.seen)).toHaveLength(1));
  });
});
