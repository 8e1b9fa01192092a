import { describe, expect, it } from 'vitest';
import { pathOf, queryString } from './routes';

describe('a route of the map as a request line', () => {
  it('fills in the path parameters, escaped', () => {
    expect(pathOf('GET /api/v1/work-orders/:id/attachments/:attachmentId', { id: 'a b', attachmentId: 'c/d' })).toEqual(
      {
        method: 'GET',
        path: '/api/v1/work-orders/a%20b/attachments/c%2Fd',
      },
    );
    expect(pathOf('POST /api/v1/part-requests')).toEqual({ method: 'POST', path: '/api/v1/part-requests' });
  });

  it('leaves empty values out of the query string', () => {
    expect(
      queryString({ q: 'kipas angin', limit: 20, open: 'true', cursor: undefined, branchId: null, status: '' }),
    ).toBe('?q=kipas+angin&limit=20&open=true');
    expect(queryString(undefined)).toBe('');
  });
});
