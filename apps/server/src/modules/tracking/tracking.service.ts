import { type CustomerMessage, type PublicTracking, type SurveyBody, trackingTokenSchema } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import type { CustomersService } from '../customers/customers.service';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import { type CustomerContact, firstNameOf } from './customer-contact';
import * as repo from './tracking.repository';

export interface TrackingServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  contact: CustomerContact;
  workOrders: Pick<WorkOrdersService, 'getWorkOrder' | 'findTrackingView' | 'recordUpdatedEvent'>;
  customers: Pick<CustomersService, 'optOutOfMessages'>;
  onCommitted: () => void;
}

/** The survey opens when the work is done. */
const surveyStatuses: readonly string[] = ['completed', 'closed'];

/**
 * What the customer reaches without signing in — the tracking page and the survey,
 * through the unguessable token of their link — and the office's side of it: revoking a
 * link, reading the messages sent to the customer.
 */
export function createTrackingService({ db, clock, contact, workOrders, customers, onCommitted }: TrackingServiceDeps) {
  /** Malformed, unknown and revoked tokens are one and the same 404. */
  async function workOrderIdOf(token: string): Promise<string> {
    const id = trackingTokenSchema.safeParse(token).success
      ? await contact.findWorkOrderIdByToken(db, token)
      : undefined;
    if (id === undefined) throw notFound('Tracking link');
    return id;
  }

  return {
    /** Answers 404 for a token that opens nothing; used by the page before it is served. */
    assertToken: async (token: string) => {
      await workOrderIdOf(token);
    },

    async getPublicTracking(token: string): Promise<PublicTracking> {
      const view = await workOrders.findTrackingView(await workOrderIdOf(token));
      return {
        number: view.number,
        status: view.status,
        appointmentStart: view.appointmentStart,
        appointmentEnd: view.appointmentEnd,
        technicianFirstName: firstNameOf(view.technicianName),
        history: view.history,
        timeZone: view.timeZone,
      };
    },

    async getSurveyState(token: string) {
      const id = await workOrderIdOf(token);
      if (await contact.findSurvey(db, id)) return { state: 'answered' as const };
      const { status } = await workOrders.findTrackingView(id);
      return { state: surveyStatuses.includes(status) ? ('open' as const) : ('not_yet' as const) };
    },

    /** Once per work order, after completion; the primary key keeps it once under races too. */
    async answerSurvey(token: string, body: SurveyBody) {
      const id = await workOrderIdOf(token);
      const { status } = await workOrders.findTrackingView(id);
      if (!surveyStatuses.includes(status)) {
        throw new AppError('invalid_transition', 'The survey opens when the service is completed');
      }
      const answered = () => new AppError('survey_already_answered', 'This service has already been rated');
      if (await contact.findSurvey(db, id)) throw answered();
      const at = toIso(clock.now());
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertSurvey(trx, {
            workOrderId: id,
            rating: body.rating,
            comment: body.comment ?? null,
            createdAt: at,
          });
          await workOrders.recordUpdatedEvent(trx, id, at);
        });
      } catch (error) {
        if (await contact.findSurvey(db, id)) throw answered();
        throw error;
      }
      onCommitted();
      return { rating: body.rating, comment: body.comment ?? null, at };
    },

    /**
     * The customer stops all messages, from their tracking page: their record says so from
     * now on, and what is still waiting to go to them about this work order is skipped.
     */
    async optOut(token: string) {
      const id = await workOrderIdOf(token);
      const { customerId } = await workOrders.findTrackingView(id);
      await customers.optOutOfMessages(customerId);
      await repo.skipWaitingMessages(db, id, toIso(clock.now()));
      return { messagesOptOut: true as const };
    },

    /** Revokes the work order's link and issues a new one; the old one answers 404 from now on. */
    async revokeLink(actor: Actor, id: string) {
      await workOrders.getWorkOrder(actor, id);
      const at = toIso(clock.now());
      const trackingUrl = await db.transaction().execute(async (trx) => {
        const path = await contact.replaceLink(trx, id, at);
        await workOrders.recordUpdatedEvent(trx, id, at);
        return path;
      });
      onCommitted();
      return { trackingUrl };
    },

    async listMessages(actor: Actor, id: string): Promise<CustomerMessage[]> {
      await workOrders.getWorkOrder(actor, id);
      return (await repo.findMessages(db, id)).map((row) => ({
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        body: row.body,
        // `sending` is a moment inside one instance; to the office it is still on its way.
        status: row.status === 'pending' || row.status === 'sending' ? 'queued' : row.status,
        channel: row.channel,
        providerId: row.providerId,
        // While queued: why the last attempt failed, before the next one.
        failureReason: row.status === 'failed' || row.status === 'pending' ? row.lastError : null,
        attempts: row.attempts,
        createdAt: row.createdAt,
        sentAt: row.sentAt,
        statusAt: row.statusAt ?? row.createdAt,
      }));
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
