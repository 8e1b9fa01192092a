import type { ImportJob } from '@purnajual/contract';
import type { FastifyInstance } from 'fastify';
import { bearer } from './app';

export const csvType = 'text/csv';
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads a file to import as `caller`; `query` as the URL takes it (`kind=customers&dryRun=true`). */
export const uploadImport = (
  app: FastifyInstance,
  token: string,
  body: string | Buffer,
  { query = 'kind=customers', type = csvType, lang = 'id' }: { query?: string; type?: string; lang?: string } = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { ...bearer(token), 'content-type': type, 'accept-language': lang },
    payload: body,
  });

/** Polls the import until it is done or failed; a few hundred looks at most. */
export async function waitForImport(app: FastifyInstance, token: string, id: string): Promise<ImportJob> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const job = (await app.inject({ url: `/api/v1/imports/${id}`, headers: bearer(token) })).json<ImportJob>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`import ${id} did not finish`);
}

/** A CSV file from its lines. */
export const csvOf = (...lines: string[]) => `${lines.join('\n')}\n`;
