import { technicianLoadSchema } from '@purnajual/contract';
import { skipToken, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../app/api';

/** A branch's technicians with their open work; nothing is asked until a branch is chosen. */
export const useBranchTechnicians = (branchId: string | null | undefined) =>
  useQuery({
    queryKey: ['work-orders', 'technician-loads', branchId ?? null],
    queryFn: branchId
      ? () =>
          api.request('GET /api/v1/work-orders/technician-loads', z.object({ items: z.array(technicianLoadSchema) }), {
            query: { branchId },
          })
      : skipToken,
  });
