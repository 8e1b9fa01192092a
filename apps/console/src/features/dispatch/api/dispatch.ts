import { pageSchema, technicianLoadSchema, workOrderDetailSchema, workOrderSummarySchema } from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

export const unassignedQueryOptions = (branchId: string) =>
  queryOptions({
    queryKey: ['work-orders', 'unassigned', branchId],
    queryFn: () =>
      api.request('GET /api/v1/work-orders', pageSchema(workOrderSummarySchema), {
        query: { branchId, status: 'new', technicianId: 'none', limit: 200 },
      }),
  });

export const useUnassigned = (branchId: string | null) =>
  useQuery({ ...unassignedQueryOptions(branchId ?? ''), enabled: branchId !== null });

export const technicianLoadsQueryOptions = (branchId: string) =>
  queryOptions({
    // Under 'work-orders' so that live updates refresh the loads as well.
    queryKey: ['work-orders', 'technician-loads', branchId],
    queryFn: () =>
      api.request('GET /api/v1/work-orders/technician-loads', z.object({ items: z.array(technicianLoadSchema) }), {
        query: { branchId },
      }),
  });

export const useTechnicianLoads = (branchId: string | null) =>
  useQuery({ ...technicianLoadsQueryOptions(branchId ?? ''), enabled: branchId !== null });

export function useAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, technicianId }: { id: string; version: number; technicianId: string }) =>
      api.request('POST /api/v1/work-orders/:id/transitions', workOrderDetailSchema, {
        params: { id },
        body: { action: 'assign', technicianId },
        headers: { 'if-match': String(version), 'idempotency-key': crypto.randomUUID() },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}
