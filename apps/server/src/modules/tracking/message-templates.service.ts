import {
  type CustomerMessageKind,
  customerMessageKinds,
  type MessageLanguage,
  type MessageTemplate,
  messageLanguages,
  type PutMessageTemplateBody,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { ChannelName } from '../../config-messages';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { channelMaxLength, longestFilled, longestValues, storedBodyMaxLength } from './message-templates';
import * as repo from './message-templates.repository';

export interface MessageTemplatesDeps {
  db: Kysely<DB>;
  clock: Clock;
  publicBaseUrl: string;
  /** The configured channels: a template must fit the strictest of them. */
  channels: readonly ChannelName[];
}

const toTemplate = (row: Awaited<ReturnType<typeof repo.findTemplates>>[number]): MessageTemplate => ({
  kind: row.kind,
  language: row.language,
  body: row.body,
  whatsappTemplateName: row.whatsappTemplateName,
  updatedAt: row.updatedAt,
});

/**
 * The texts of the messages to customers, per kind and language, which an admin edits. A
 * message reads its template as it is written, so an edit counts on every instance at once.
 */
export function createMessageTemplatesService({ db, clock, publicBaseUrl, channels }: MessageTemplatesDeps) {
  const longest = longestValues(publicBaseUrl);
  const limits: { name: string; max: number }[] = [
    { name: 'the outbox', max: storedBodyMaxLength },
    ...channels.map((name) => ({ name, max: channelMaxLength[name] })),
  ];

  /** Refuses a text that, filled with the longest values, would not fit a configured channel. */
  function assertFits(body: string) {
    const length = longestFilled(body, longest);
    const limit = limits.filter(({ max }) => length > max).sort((a, b) => a.max - b.max)[0];
    if (limit) {
      const detail = {
        id: `Teks terlalu panjang untuk ${limit.name === 'the outbox' ? 'pesan' : limit.name}`,
        en: `The text is too long for ${limit.name}`,
      };
      throw new AppError('validation_failed', detail, {
        errors: [
          {
            path: 'body.body',
            message: `is too long for ${limit.name}: up to ${limit.max} characters with its placeholders filled, and this one reaches ${length}`,
          },
        ],
      });
    }
  }

  return {
    async listTemplates(): Promise<MessageTemplate[]> {
      // In the order a work order sends them, Indonesian first.
      const rank = (template: MessageTemplate) =>
        customerMessageKinds.indexOf(template.kind) * messageLanguages.length +
        messageLanguages.indexOf(template.language);
      return (await repo.findTemplates(db)).map(toTemplate).sort((a, b) => rank(a) - rank(b));
    },

    async putTemplate(kind: CustomerMessageKind, language: MessageLanguage, body: PutMessageTemplateBody) {
      assertFits(body.body);
      const row = { kind, language, ...body, updatedAt: toIso(clock.now()) };
      if (!(await repo.updateTemplate(db, row))) throw notFound('Message template');
      return toTemplate(row);
    },
  };
}

export type MessageTemplatesService = ReturnType<typeof createMessageTemplatesService>;
