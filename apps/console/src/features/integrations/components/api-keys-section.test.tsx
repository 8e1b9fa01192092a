import type { ApiKey } from '@purnajual/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen } from '../../../../../../test/components/render';
import { at, uuid } from '../../../../../../test/fixtures';
import { ApiKeysSection } from './api-keys-section';

const secretKey = 'pj_0a1b2c3d_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhx';

const erpKey: ApiKey = {
  id: uuid(7),
  name: 'ERP gudang',
  scopes: ['work-orders:read', 'stock:read'],
  prefix: '0a1b2c3d',
  createdAt: at,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};

/** The section against a server that has no key until one is created, then lists it (without its secret). */
async function openSection() {
  let keys: ApiKey[] = [];
  const server = fakeServer((request) => {
    if (request.method === 'POST') {
      keys = [erpKey];
      return { status: 201, body: { ...erpKey, key: secretKey } };
    }
    if (request.method === 'DELETE') {
      keys = [{ ...erpKey, revokedAt: at }];
      return { status: 204 };
    }
    return { status: 200, body: { items: keys } };
  });
  vi.stubGlobal('fetch', server.fetch);
  const view = await renderScreen(<ApiKeysSection />);
  return { ...view, server };
}

describe('API keys', () => {
  it('shows a new key once, with a warning and a copy button, and never again after closing', async () => {
    const { user, server } = await openSection();
    await user.click(screen.getByRole('button', { name: 'Buat kunci API' }));
    await user.type(screen.getByRole('textbox', { name: /Nama/ }), 'ERP gudang');
    await user.click(screen.getByRole('checkbox', { name: /work-orders:read/ }));
    await user.click(screen.getByRole('checkbox', { name: /stock:read/ }));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));

    const dialog = await screen.findByRole('dialog', { name: 'Kunci API baru' });
    expect(server.seen.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'ERP gudang',
      scopes: ['work-orders:read', 'stock:read'],
    });
    expect(within(dialog).getByText(secretKey)).toBeTruthy();
    expect(within(dialog).getByText(/tidak bisa dilihat lagi/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Salin' }));
    // user-event stands in for the clipboard: what was copied can be read back.
    expect(await navigator.clipboard.readText()).toBe(secretKey);
    expect(await within(dialog).findByRole('button', { name: 'Tersalin' })).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Sudah saya simpan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('ERP gudang')).toBeTruthy();
    expect(screen.getByText('pj_0a1b2c3d_…')).toBeTruthy();
    expect(document.body.textContent).not.toContain(secretKey);
  });

  it('revokes a key only after confirming', async () => {
    const { user, server } = await openSection();
    await user.click(screen.getByRole('button', { name: 'Buat kunci API' }));
    await user.type(screen.getByRole('textbox', { name: /Nama/ }), 'ERP gudang');
    await user.click(screen.getByRole('checkbox', { name: /stock:read/ }));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await user.click(await screen.findByRole('button', { name: 'Sudah saya simpan' }));

    await user.click(await screen.findByRole('button', { name: 'Cabut ERP gudang' }));
    const confirm = await screen.findByRole('dialog', { name: 'Cabut' });
    expect(server.seen.some((request) => request.method === 'DELETE')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Cabut' }));
    await waitFor(() => expect(server.seen.some((request) => request.method === 'DELETE')).toBe(true));
    expect(server.seen.find((request) => request.method === 'DELETE')?.path).toBe(`/api/v1/api-keys/${erpKey.id}`);
    expect(await screen.findByText(/^Dicabut/)).toBeTruthy();
  });
});
