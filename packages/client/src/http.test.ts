import { importJobSchema } from '@purnajual/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from './http';

afterEach(() => vi.unstubAllGlobals());

const job = {
  id: '0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b',
  kind: 'customers',
  dryRun: true,
  status: 'queued',
  rowsTotal: null,
  rowsDone: 0,
  rowsCreated: 0,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  rowsRefused: 0,
  rowsPerSecond: null,
  error: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  createdBy: '0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7c',
};

describe('a file uploaded as the body', () => {
  it('is sent as it is, with the content type the caller names', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => Response.json(job, { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    const file = new Blob(['idEksternal;nama\nC-1;Sari\n'], { type: 'application/vnd.ms-excel' });

    const answer = await createApiClient().request('POST /api/v1/imports', importJobSchema, {
      query: { kind: 'customers', dryRun: 'true' },
      body: file,
      contentType: 'text/csv',
    });

    expect(answer.status).toBe('queued');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/imports?kind=customers&dryRun=true');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'content-type': 'text/csv' });
    expect(init?.body).toBe(file);
  });
});
