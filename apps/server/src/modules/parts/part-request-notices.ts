import type { PartRequestAction } from '@purnajual/contract';
import type { Actor } from '../../platform/actor';
import type { NewNotification } from '../notifications/notifications.service';
import type { RequestRow } from './part-requests.repository';

type Answer = Exclude<PartRequestAction, 'cancel'>;

const requestFor = (row: RequestRow) =>
  row.workOrderNumber === null ? 'Permintaan stok tas Anda' : `Permintaan untuk order kerja ${row.workOrderNumber}`;

const texts: Record<Answer, (row: RequestRow, actor: Actor) => { title: string; body: string }> = {
  approve: (row, actor) => ({
    title: 'Permintaan suku cadang disetujui',
    body: `${requestFor(row)} disetujui oleh ${actor.name}; suku cadang siap diambil di gudang.`,
  }),
  issue: (row, actor) => ({
    title: 'Suku cadang sudah diserahkan',
    body: `${requestFor(row)}: suku cadang masuk ke tas Anda (diserahkan oleh ${actor.name}).`,
  }),
  reject: (row, actor) => ({
    title: 'Permintaan suku cadang ditolak',
    body: `${requestFor(row)} ditolak oleh ${actor.name}: ${row.rejectReason ?? ''}`.slice(0, 2000),
  }),
};

/**
 * What the technician is told when the warehouse or the office answers their part request
 * (approved, issued, refused); a cancel is their own doing and tells nobody. `row` is the
 * request as it is after the answer.
 */
export function answerNoticeOf(action: PartRequestAction, row: RequestRow, actor: Actor): NewNotification | null {
  if (action === 'cancel') return null;
  return { recipientId: row.technicianId, senderId: null, workOrderId: row.workOrderId, ...texts[action](row, actor) };
}
