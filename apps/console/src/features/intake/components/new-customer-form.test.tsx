import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen } from '../../../../../../test/components/render';
import { NewCustomerForm } from './new-customer-form';

const provinces = {
  items: [{ code: '31', name: 'DKI Jakarta', level: 'province', parentCode: null }],
  nextCursor: null,
};

/** The form with no areas to choose beyond the provinces, and every request it sends kept. */
async function renderForm(initial = '') {
  const server = fakeServer(({ path }) =>
    path.startsWith('/api/v1/areas') ? { status: 200, body: provinces } : { status: 500 },
  );
  vi.stubGlobal('fetch', server.fetch);
  const onCreated = vi.fn();
  const view = await renderScreen(<NewCustomerForm initial={initial} onCreated={onCreated} onCancel={() => {}} />);
  return { ...view, server, onCreated };
}

const saves = (seen: { method: string }[]) => seen.filter((request) => request.method === 'POST');

describe('the new-customer form', () => {
  it('says next to each field why it is refused once the agent leaves it, and sends nothing', async () => {
    const { user, server } = await renderForm();
    await user.type(screen.getByLabelText(/^Nama/), 'S');
    await user.type(screen.getByLabelText(/^Email/), 'sari@');
    await user.click(screen.getByLabelText(/^Alamat/));
    expect(await screen.findByText('Terlalu pendek: minimal 2 karakter.')).toBeTruthy();
    expect(screen.getByText('Alamat email tidak valid, contoh: nama@contoh.co.id.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Simpan pelanggan' }));
    // On "save" every field says what it needs, the empty ones too, and the first takes the focus.
    expect((await screen.findAllByText('Wajib diisi.')).length).toBeGreaterThan(0);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Nama/)));
    expect(saves(server.seen)).toEqual([]);
  });

  it('takes the number the agent searched by as the first phone, and the words as the name', async () => {
    const byPhone = await renderForm('0812 3456 7890');
    expect((byPhone.getByLabelText(/^Telepon/) as HTMLInputElement).value).toBe('0812 3456 7890');
    expect((byPhone.getByLabelText(/^Nama/) as HTMLInputElement).value).toBe('');
    byPhone.unmount();
    const byName = await renderForm('Sari Wulandari');
    expect((byName.getByLabelText(/^Nama/) as HTMLInputElement).value).toBe('Sari Wulandari');
  });
});
