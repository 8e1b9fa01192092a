import type { ConflictingWorkOrder } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { endedStatuses } from './technician-load.repository';

/** Clock skew allowed between a phone and the server when scheduling "now". */
const appointmentSkewSeconds = 5 * 60;
const maxAppointmentHours = 12;
const maxAppointmentDaysAhead = 90;

/** Who may book a technician over another of their appointments, with a reason. */
const overrideRoles: readonly string[] = ['supervisor', 'admin'];

export function assertAppointment(start: string, end: string, now: Date) {
  const startAt = Date.parse(start);
  const endAt = Date.parse(end);
  if (startAt < now.getTime() - appointmentSkewSeconds * 1000) {
    throw fieldError('body.appointmentStart', 'must not be in the past', 'The appointment may not start in the past');
  }
  if (startAt > now.getTime() + maxAppointmentDaysAhead * 86400_000) {
    throw fieldError('body.appointmentStart', `must be within ${maxAppointmentDaysAhead} days`);
  }
  if (endAt <= startAt) {
    throw fieldError('body.appointmentEnd', 'must be after the start', 'The appointment must end after it starts');
  }
  if (endAt - startAt > maxAppointmentHours * 3600_000) {
    throw fieldError('body.appointmentEnd', `the window may be at most ${maxAppointmentHours} hours long`);
  }
}

/** A technician's time taken by one work order's appointment. */
export interface Booking {
  workOrderId: string;
  technicianId: string;
  start: string;
  end: string;
}

/**
 * Another open work order of the technician whose appointment overlaps the booking's (ends
 * after it starts and starts before it ends; back to back is no overlap). No window is
 * longer than `maxAppointmentHours`, so one range of the (technicianId, appointmentStart)
 * index holds every candidate.
 */
function findOverlap(db: Kysely<DB>, booking: Booking) {
  const earliest = toIso(new Date(Date.parse(booking.start) - maxAppointmentHours * 3600_000));
  return db
    .selectFrom('work_order')
    .select(['id', 'number', 'appointmentStart', 'appointmentEnd'])
    .where('technicianId', '=', booking.technicianId)
    .where('appointmentStart', '>', earliest)
    .where('appointmentStart', '<', booking.end)
    .where('appointmentEnd', '>', booking.start)
    .where('status', 'not in', endedStatuses)
    .where('id', '!=', booking.workOrderId)
    .orderBy('appointmentStart')
    .limit(1)
    .executeTakeFirst();
}

const conflictOf = (other: NonNullable<Awaited<ReturnType<typeof findOverlap>>>): ConflictingWorkOrder => ({
  id: other.id,
  number: other.number,
  appointmentStart: other.appointmentStart ?? '',
  appointmentEnd: other.appointmentEnd ?? '',
});

/**
 * The one rule of a technician's time: no two open work orders of theirs at once, unless a
 * supervisor or an admin books it anyway with a reason. Returns the history note of such an
 * override (null when nothing was overridden); refuses with 409 `appointment_conflict`
 * naming the other work order. Called before the write, for the note and a clear refusal,
 * and again inside the transaction, after the technician's load row is locked, so two
 * bookings at once cannot both take the same hour.
 */
export async function checkBooking(
  db: Kysely<DB>,
  actor: Actor,
  booking: Booking,
  overrideReason: string | undefined,
): Promise<string | null> {
  if (overrideReason !== undefined && !overrideRoles.includes(actor.role)) {
    throw new AppError('forbidden', 'Only a supervisor or an admin may book over another appointment', {
      errors: [{ path: 'body.overrideReason', message: 'may be given by a supervisor or an admin only' }],
    });
  }
  const other = await findOverlap(db, booking);
  if (!other) return null;
  if (overrideReason !== undefined) return `Booked over ${other.number}: ${overrideReason}`;
  throw new AppError(
    'appointment_conflict',
    {
      en: `The technician already has ${other.number} at that time; choose another time or technician`,
      id: `Teknisi sudah punya ${other.number} pada jam itu; pilih jam atau teknisi lain`,
    },
    { conflictingWorkOrder: conflictOf(other) },
  );
}
