import {
  type CustomerMessageKind,
  type MessageLanguage,
  messageTemplateSchema,
  type PutMessageTemplateBody,
} from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

const templatesSchema = z.object({ items: z.array(messageTemplateSchema) });

export const fetchMessageTemplates = () => api.request('GET /api/v1/message-templates', templatesSchema);

export const messageTemplatesQueryOptions = () =>
  queryOptions({ queryKey: ['message-templates'], queryFn: fetchMessageTemplates });

export const useMessageTemplates = () => useQuery(messageTemplatesQueryOptions());

export function useSaveMessageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      language,
      body,
    }: {
      kind: CustomerMessageKind;
      language: MessageLanguage;
      body: PutMessageTemplateBody;
    }) =>
      api.request('PUT /api/v1/message-templates/:kind/:language', messageTemplateSchema, {
        params: { kind, language },
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['message-templates'] }),
  });
}
