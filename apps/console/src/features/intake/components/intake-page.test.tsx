import type { Customer, CustomerProduct } from '@purnajual/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../../../test/components/render';
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
  version: 1,
  createdAt: at,
  updatedAt: at,
});

const page = <T,>(items: T[]) => ({ items, nextCursor: null });

/**
 * The intake screen over a server that knows one caller with `products`; the work order
 * itself is refused (a 503), so that what the screen sent is what the test reads.
 */
async function takeCall(products: CustomerProduct[]) {
  const customer = customerWith(products);
  const server = fakeServer(({ method, path }: SeenRequest) => {
    if (path.startsWith('/api/v1/customers?')) return { status: 200, body: page([customer]) };
    if (path === `/api/v1/customers/${customerId}`) return { status: 200, body: customer };
    if (method === 'GET' && path.startsWith('/api/v1/work-orders')) return { status: 200, body: page([]) };
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
