import { importJobSchema, pageSchema, partSchema, userSchema, workOrderDetailSchema } from '@purnajual/contract';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import type { ApiClient } from './http';
import { pathOf } from './routes';

/*
 * Checked by `tsc` (`npm run typecheck`), never run: each `@ts-expect-error` line is a call
 * the route map must refuse, and tsc fails if one of them compiles.
 */
export function callsTheMapRefuses(api: ApiClient, id: string) {
  // @ts-expect-error: no such route
  void api.request('GET /api/v1/work-order/:id', workOrderDetailSchema, { params: { id } });
  // @ts-expect-error: the route is not a DELETE
  void api.request('DELETE /api/v1/work-orders/:id', workOrderDetailSchema, { params: { id } });
  // @ts-expect-error: the path parameter is missing
  void api.request('GET /api/v1/work-orders/:id', workOrderDetailSchema);
  // @ts-expect-error: the path parameter has another name
  void api.request('GET /api/v1/work-orders/:id', workOrderDetailSchema, { params: { workOrderId: id } });
  // @ts-expect-error: the schema reads a part, the route answers a work order
  void api.request('GET /api/v1/work-orders/:id', partSchema, { params: { id } });
  // @ts-expect-error: the body is missing
  void api.request('POST /api/v1/users', userSchema);
  // @ts-expect-error: the body lacks the password
  void api.request('POST /api/v1/users', userSchema, { body: { employeeNo: '1', name: 'Sari', role: 'admin' } });
  void api.request('POST /api/v1/work-orders/:id/transitions', workOrderDetailSchema, {
    params: { id },
    // @ts-expect-error: not an action of the status machine
    body: { action: 'teleport' },
  });
  // @ts-expect-error: the route takes no body
  void api.request('GET /api/v1/me', userSchema, { body: {} });
  // @ts-expect-error: `open` is sent as text
  void api.request('GET /api/v1/work-orders', pageSchema(z.object({ id: z.string() })), { query: { open: true } });
  // @ts-expect-error: the route answers JSON, not 204
  void api.send('GET /api/v1/me');
  // @ts-expect-error: the route answers JSON, not a file
  void api.download('GET /api/v1/me');
  // @ts-expect-error: the path parameter is missing
  pathOf('POST /api/v1/notifications/:id/read');
  // @ts-expect-error: an upload's body is the file, not JSON
  void api.request('POST /api/v1/imports', importJobSchema, { body: {}, contentType: 'text/csv' });
  // @ts-expect-error: the route takes CSV and XLSX only
  void api.request('POST /api/v1/imports', importJobSchema, { body: new Blob([]), contentType: 'image/png' });
}

export function callsTheMapTakes(api: ApiClient, id: string) {
  expectTypeOf(api.request('GET /api/v1/me', userSchema)).resolves.toEqualTypeOf<z.output<typeof userSchema>>();
  // A narrower schema that reads only what the screen needs.
  const numberOnly = z.object({ id: z.string(), number: z.string() });
  expectTypeOf(api.request('GET /api/v1/work-orders/:id', numberOnly, { params: { id } })).resolves.toEqualTypeOf<{
    id: string;
    number: string;
  }>();
  expectTypeOf(api.send('POST /api/v1/notifications/:id/read', { params: { id } })).resolves.toBeVoid();
  expectTypeOf(pathOf('PUT /api/v1/work-orders/:id/charges', { id })).toEqualTypeOf<{ method: 'PUT'; path: string }>();
}
