import { randomBytes } from 'node:crypto';
import type { CustomerMessageKind, WorkOrderSurvey } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import { newId } from '../../platform/ids';
import type { MessageFacts } from '../work-orders/ports';
import { renderTemplate } from './message-templates';
import * as templates from './message-templates.repository';
import * as repo from './tracking.repository';

/** 256 random bits: a link nobody can guess or walk to from another one. */
const newToken = () => randomBytes(32).toString('base64url');

/** The first word of a name: all the customer's page shows of the technician. */
export const firstNameOf = (name: string | null) => name?.trim().split(/\s+/)[0] ?? null;

/**
 * The customer's side of a work order that other services write inside their own
 * transactions: the tracking link, the messages to the customer, the survey answer.
 */
export function createCustomerContact({ config }: { config: Pick<Config, 'publicBaseUrl'> }) {
  const pathOf = (token: string) => `/t/${token}`;

  async function issueLink(conn: Kysely<DB>, workOrderId: string, at: string): Promise<string> {
    const token = newToken();
    await repo.insertLink(conn, { token, workOrderId, createdAt: at });
    return token;
  }

  return {
    issueLink,

    /** Revokes every link of the work order and issues a new one; returns its path. */
    async replaceLink(conn: Kysely<DB>, workOrderId: string, at: string): Promise<string> {
      await repo.revokeLinks(conn, workOrderId, at);
      return pathOf(await issueLink(conn, workOrderId, at));
    },

    /** The path of the work order's tracking page (`/t/<token>`). */
    async trackingPath(conn: Kysely<DB>, workOrderId: string, at: string): Promise<string> {
      const link = await repo.findActiveLink(conn, workOrderId);
      // Every work order gets its link at intake; one is issued here only if it lacks one.
      return pathOf(link?.token ?? (await issueLink(conn, workOrderId, at)));
    },

    findWorkOrderIdByToken: (conn: Kysely<DB>, token: string) => repo.findWorkOrderIdByToken(conn, token),

    async findSurvey(conn: Kysely<DB>, workOrderId: string): Promise<WorkOrderSurvey | null> {
      const row = await repo.findSurvey(conn, workOrderId);
      return row ? { rating: row.rating, comment: row.comment, at: row.createdAt } : null;
    },

    /**
     * Writes a message to the customer into the outbox of messages, in the caller's
     * transaction: it is sent if and only if the change it tells of commits.
     */
    async notifyCustomer(conn: Kysely<DB>, kind: CustomerMessageKind, facts: MessageFacts, at: string) {
      const link = await repo.findActiveLink(conn, facts.id);
      const url = `${config.publicBaseUrl}${pathOf(link?.token ?? (await issueLink(conn, facts.id, at)))}`;
      // Read as the message is written: an edit on any instance counts from the next message on.
      const template =
        (await templates.findTemplate(conn, kind, facts.customerLanguage)) ??
        (await templates.findTemplate(conn, kind, 'id'));
      if (!template) throw new Error(`No message template for ${kind}: the migrations seed every one`);
      const { body, parameters } = renderTemplate(template, {
        customerName: facts.customerName,
        workOrderNumber: facts.number,
        technicianFirstName: firstNameOf(facts.technicianName),
        trackingUrl: url,
      });
      await repo.insertMessage(conn, {
        id: newId(),
        workOrderId: facts.id,
        kind,
        recipient: facts.customerPhone,
        recipientEmail: facts.customerEmail,
        body,
        language: template.language,
        whatsappTemplateName: template.whatsappTemplateName,
        parameters: JSON.stringify(parameters),
        // An opted-out customer's message is kept, as skipped, so the office sees why nothing went.
        ...(facts.customerMessagesOptOut
          ? { status: 'failed', lastError: 'opted out', statusAt: at }
          : { status: 'pending', lastError: null, statusAt: null }),
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        sentAt: null,
        channel: null,
        providerId: null,
      });
    },
  };
}

export type CustomerContact = ReturnType<typeof createCustomerContact>;
