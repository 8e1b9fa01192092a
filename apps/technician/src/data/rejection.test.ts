import { en, id } from '@purnajual/client';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { uuid } from '../../../../test/fixtures';
import type { QueuedChange } from './db';
import { rejectionMessage } from './rejection';

/** A completion or a booking the server refused, as the queue keeps it. */
const refused = (code: string, detail: string): QueuedChange => ({
  idempotencyKey: uuid(1),
  workOrderId: uuid(4),
  label: code === 'approval_outdated' ? 'complete' : 'schedule',
  method: 'POST',
  path: `/api/v1/work-orders/${uuid(4)}/transitions`,
  body: undefined,
  photo: null,
  createdAt: '2026-11-28T03:00:00.000Z',
  state: 'rejected',
  rejection: { status: 409, code, detail },
});

describe('why a queued change was refused', () => {
  it('tells the technician to ask for approval again when the charges changed after it, in either language', async () => {
    for (const [language, resources] of [
      ['id', id],
      ['en', en],
    ] as const) {
      const i18n = createInstance();
      await i18n.init({ lng: language, resources: { [language]: { translation: resources } } });
      const change = refused('approval_outdated', 'The bill changed after the customer approved it');
      expect(rejectionMessage(change, undefined, i18n.t)).toBe(resources.tech.sync.reason.approvalOutdated);
    }
  });

  it("says the server's own words for a booking over another, which name the other work order", async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'id', resources: { id: { translation: id } } });
    const detail = 'Teknisi sudah punya WO-2612-000009 pada jam itu; pilih jam atau teknisi lain';
    expect(rejectionMessage(refused('appointment_conflict', detail), undefined, i18n.t)).toBe(detail);
  });
});
