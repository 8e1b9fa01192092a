import type { ImportJob } from '@purnajual/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../../../test/components/render';
import { at, uuid } from '../../../../../../test/fixtures';
import { ImportsPage } from './imports-page';

const jobId = uuid(21);

const job = (patch: Partial<ImportJob> = {}): ImportJob => ({
  id: jobId,
  kind: 'customers',
  dryRun: true,
  status: 'queued',
  fileName: 'pelanggan.csv',
  rowsTotal: null,
  rowsDone: 0,
  rowsCreated: 0,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  rowsRefused: 0,
  rowsPerSecond: null,
  error: null,
  createdAt: at,
  startedAt: null,
  finishedAt: null,
  createdBy: uuid(1),
  ...patch,
});

const running = job({
  status: 'running',
  rowsTotal: 3,
  rowsDone: 1,
  rowsCreated: 1,
  rowsPerSecond: 120,
  startedAt: at,
});
const tested = job({ status: 'done', rowsTotal: 3, rowsDone: 3, rowsCreated: 2, rowsRefused: 1, finishedAt: at });

const csvFile = () => new File(['idEksternal;nama;telepon;alamat;kodeWilayah\n'], 'pelanggan.csv', { type: '' });

type Answer = { status: number; body?: unknown };

/**
 * The import page against a server that knows `recent` imports, answers an upload with
 * `answerUpload`, and tells of the job as `progress` says for each time it is asked.
 */
async function openPage({
  recent = [],
  answerUpload = () => ({ status: 202, body: job() }),
  progress = [running, tested],
}: {
  recent?: ImportJob[];
  answerUpload?: (request: SeenRequest) => Answer;
  progress?: ImportJob[];
} = {}) {
  let asked = 0;
  const server = fakeServer((request): Answer => {
    if (request.method === 'POST') return answerUpload(request);
    if (request.path.startsWith('/api/v1/imports?')) return { status: 200, body: { items: recent, nextCursor: null } };
    if (request.path === `/api/v1/imports/${jobId}`) {
      const answer = progress[Math.min(asked, progress.length - 1)];
      asked += 1;
      return { status: 200, body: answer };
    }
    if (request.path === '/api/v1/branches') return { status: 200, body: { items: [] } };
    return { status: 404, body: { type: 'about:blank', title: 'not_found', status: 404, code: 'not_found' } };
  });
  const contentTypes: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (init.method === 'POST') contentTypes.push(headers.get('content-type') ?? '');
    return server.fetch(input, init);
  });
  const view = await renderScreen(<ImportsPage />);
  return { ...view, server, contentTypes };
}

const uploads = (seen: SeenRequest[]) => seen.filter((request) => request.method === 'POST');

const chooseFile = (file: File) => {
  const input = document.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [file] } });
};

// The page asks how far the import got every second: room for a few asks.
const polled = { timeout: 5000 };

describe('the import page', () => {
  it('refuses a file that is neither CSV nor XLSX without sending it', async () => {
    const { server } = await openPage();
    chooseFile(new File(['GIF89a'], 'foto.gif', { type: 'image/gif' }));

    expect((await screen.findByRole('alert')).textContent).toContain('"foto.gif" bukan berkas CSV atau XLSX');
    const dryRun = screen.getByRole('button', { name: 'Uji dulu (tanpa menyimpan)' });
    expect((dryRun as HTMLButtonElement).disabled).toBe(true);
    expect(uploads(server.seen)).toEqual([]);
  });

  it('tests the file first, shows the progress, then the summary with the refused lines to download', async () => {
    const { user, server, contentTypes } = await openPage();
    const file = csvFile();
    chooseFile(file);
    await user.click(screen.getByRole('button', { name: 'Uji dulu (tanpa menyimpan)' }));

    await waitFor(() => expect(uploads(server.seen)).toHaveLength(1));
    expect(uploads(server.seen)[0]).toMatchObject({
      path: '/api/v1/imports?kind=customers&dryRun=true&fileName=pelanggan.csv',
      body: file,
    });
    expect(contentTypes).toEqual(['text/csv']);

    expect(await screen.findByText('1 dari 3 baris')).toBeTruthy();
    expect(screen.getByText('120 baris/detik')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '1 dari 3 baris' })).toBeTruthy();

    const summary = await screen.findByText('Uji selesai: 3 baris diperiksa, tidak ada yang disimpan.', {}, polled);
    expect(summary).toBeTruthy();
    const refused = screen.getByRole('link', { name: 'Unduh baris yang ditolak' });
    expect(refused.getAttribute('href')).toBe(`/api/v1/imports/${jobId}/refused`);
    expect(screen.getByText(/unggah lagi apa adanya/)).toBeTruthy();
  });

  it('imports the same file for real with "Impor sekarang" after the test', async () => {
    const { user, server } = await openPage({ progress: [tested] });
    const file = csvFile();
    chooseFile(file);
    await user.click(screen.getByRole('button', { name: 'Uji dulu (tanpa menyimpan)' }));
    await user.click(await screen.findByRole('button', { name: 'Impor sekarang' }, polled));

    await waitFor(() => expect(uploads(server.seen)).toHaveLength(2));
    expect(uploads(server.seen)[1]).toMatchObject({
      path: '/api/v1/imports?kind=customers&dryRun=false&fileName=pelanggan.csv',
      body: file,
    });
  });

  it('names the unknown columns the server refused the file for', async () => {
    const detail = 'kolom tidak dikenal "handphone" (kolomnya idEksternal, nama, telepon)';
    const { user } = await openPage({
      answerUpload: () => ({
        status: 400,
        body: { type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_failed', detail },
      }),
    });
    chooseFile(csvFile());
    await user.click(screen.getByRole('button', { name: 'Uji dulu (tanpa menyimpan)' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Berkas ditolak')).toBeTruthy();
    expect(alert.textContent).toContain('kolom tidak dikenal "handphone"');
  });

  it('follows again an import still running when the page is opened', async () => {
    await openPage({ recent: [running], progress: [running] });

    expect(await screen.findByRole('progressbar', { name: '1 dari 3 baris' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'pelanggan.csv' })).toBeTruthy();
  });

  it('imports the kind chosen, links its templates, and lists each import with its kind', async () => {
    const stockJob = job({ id: uuid(22), kind: 'stock', status: 'done', fileName: 'stok.csv', finishedAt: at });
    const { user, server } = await openPage({ recent: [stockJob] });
    expect(await screen.findByRole('cell', { name: 'Stok awal' })).toBeTruthy();
    const template = () => screen.getByRole('link', { name: 'CSV, judul kolom bahasa Indonesia' }).getAttribute('href');
    expect(template()).toBe('/api/v1/imports/templates?kind=customers&format=csv&lang=id');

    await user.click(screen.getByRole('radio', { name: 'Pengguna' }));
    expect(template()).toBe('/api/v1/imports/templates?kind=users&format=csv&lang=id');
    expect(screen.getByText(/administrator tidak diimpor/)).toBeTruthy();
    chooseFile(new File(['idEksternal;nik;nama;peran\n'], 'pengguna.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Uji dulu (tanpa menyimpan)' }));

    await waitFor(() => expect(uploads(server.seen)).toHaveLength(1));
    expect(uploads(server.seen)[0]?.path).toBe('/api/v1/imports?kind=users&dryRun=true&fileName=pengguna.csv');
  });
});
