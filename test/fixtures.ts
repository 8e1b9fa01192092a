import type { WorkOrderDetail, WorkOrderSummary } from '@purnajual/contract';

/*
 * Work orders as the server sends them, for the apps' tests: `n` makes the ids, numbers
 * and customers, `patch` what the test is about.
 */
export const uuid = (n: number) => `0193${n.toString(16).padStart(4, '0')}-0000-7000-8000-000000000000`;
export const at = '2026-11-28T03:00:00.000Z';

export function summary(n: number, patch: Partial<WorkOrderSummary> = {}): WorkOrderSummary {
  return {
    id: uuid(n),
    number: `WO-2611-${String(n).padStart(6, '0')}`,
    status: 'assigned',
    priority: 'normal',
    serviceType: 'home_visit',
    complaint: 'AC tidak dingin',
    warrantyStatus: 'unknown',
    branchId: null,
    technicianId: uuid(0),
    technicianName: 'Agus Setiawan',
    customer: {
      id: uuid(50_000 + n),
      name: `Pelanggan ${n}`,
      phone: '+6281200000000',
      address: 'Jl. Kemang',
      areaCode: '31.74.01',
    },
    product: null,
    repeatOf: null,
    appointmentStart: null,
    appointmentEnd: null,
    slaDueAt: at,
    slaBreachedAt: null,
    repairSeconds: 0,
    inProgressSince: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

export function detail(n: number, patch: Partial<WorkOrderSummary> = {}): WorkOrderDetail {
  const base = summary(n, patch);
  return {
    ...base,
    customer: { ...base.customer, email: null, areaName: 'Mampang Prapatan' },
    holdReason: null,
    report: null,
    history: [],
    attachments: [],
    partsUsed: [],
    billing: {
      lines: [],
      subtotal: 0,
      taxRatePercent: 11,
      tax: 0,
      total: 0,
      warrantyCovers: 0,
      customerPays: 0,
      charges: { labor: 0, transport: 0, discount: 0 },
      priceList: { laborOptions: [150_000], transport: 50_000 },
      version: 0,
      approval: null,
      payments: [],
      paid: 0,
      overpayments: [],
      refunds: [],
      refunded: 0,
      balance: 0,
    },
    trackingUrl: '/t/token',
    survey: null,
    allowedActions: [],
  };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, code: string, detail: string) =>
  json(status, { type: 'about:blank', title: code, status, detail, code });
