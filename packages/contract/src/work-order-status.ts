import { z } from 'zod';
import { workOrderActions, workOrderStatuses } from './work-order-rules';

export const workOrderStatusSchema = z.enum(workOrderStatuses);
export const workOrderActionSchema = z.enum(workOrderActions);
