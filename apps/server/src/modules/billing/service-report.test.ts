import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  signaturePng,
} from '../../../test/app';
import { createPart, issueToBag, locationOf, receiveStock } from '../../../test/parts';

/*
 * The signed service report is a real PDF: parsed back with pdf.js, its text carries the
 * work order, the customer, the parts and the money, in Indonesian or in English.
 */

const t = await buildTestApp();
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id, name: 'Agus Setiawan' });
const stranger = await createUser(t, 'technician', { branchId: branch.id });
const capacitor = await createPart(t, clerk, { partNo: 'PDF-CAP-35', name: 'Kapasitor kompresor 35µF', price: 45_000 });
await receiveStock(t, clerk, await locationOf(t, clerk, branch.id), [{ partId: capacitor.id, quantity: 5 }]);
await issueToBag(t, technician, clerk, [{ partId: capacitor.id, quantity: 5 }]);

const customer = await createCustomer(t, { name: 'Ibu Ratna Sari Dewi', purchaseDate: '2019-03-01' });
const order = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
const step = (caller: { token: string }, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${order.id}/transitions`,
    headers: bearer(caller.token),
    payload,
  });
await step(agent, { action: 'assign', technicianId: technician.id });
await step(technician, { action: 'accept' });
await step(technician, { action: 'start' });
await app.inject({
  method: 'PUT',
  url: `/api/v1/work-orders/${order.id}/charges`,
  headers: bearer(technician.token),
  payload: { labor: 175_000, transport: 50_000 },
});
// Photos: a real JPEG and a real PNG, as the attachment tests make them.
const photos = [
  {
    kind: 'before',
    type: 'image/jpeg',
    content: Buffer.from(
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
      'base64',
    ),
  },
  {
    kind: 'after',
    type: 'image/png',
    content: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFElEQVQImWN0cHBgYGBgYmBgQFAADpQAxilM1wEAAAAASUVORK5CYII=',
      'base64',
    ),
  },
];
for (const photo of photos) {
  const form = new FormData();
  form.append('kind', photo.kind);
  form.append('file', new Blob([photo.content], { type: photo.type }), 'foto');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const uploaded = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${order.id}/attachments`,
    headers: { ...bearer(technician.token), 'content-type': request.headers.get('content-type') ?? '' },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  if (uploaded.statusCode !== 201) throw new Error(`photo upload failed: ${uploaded.body}`);
}
await step(technician, {
  action: 'complete',
  diagnosis: 'Kapasitor kompresor lemah, arus start tinggi',
  actionTaken: 'Ganti kapasitor kompresor',
  result: 'fixed',
  signature: signaturePng,
  partsUsed: [{ partId: capacitor.id, quantity: 2 }],
});
// 175 000 + 50 000 + 90 000 = 315 000, PPN 34 650: Rp 349.650
await app.inject({
  method: 'POST',
  url: `/api/v1/work-orders/${order.id}/approval`,
  headers: bearer(technician.token),
  payload: { signature: signaturePng, approvedTotal: 349_650, name: 'Ratna' },
});
await app.inject({
  method: 'POST',
  url: `/api/v1/work-orders/${order.id}/payments`,
  headers: bearer(technician.token),
  payload: { method: 'qris', amount: 200_000, reference: 'QR-0042' },
});

async function textOf(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  // pdf.js splits and joins runs as it finds them: compare without the spaces.
  return pages.join(' ').replace(/\s+/g, '');
}
const squeeze = (text: string) => text.replace(/\s+/g, '');

const report = (caller: { token: string }, query = '') =>
  app.inject({
    method: 'GET',
    url: `/api/v1/work-orders/${order.id}/report.pdf${query}`,
    headers: bearer(caller.token),
  });

describe('the service report PDF', () => {
  it('is a PDF whose text has the number, customer, parts, charges, payment and total, in Indonesian', async () => {
    const response = await report(agent);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`inline; filename="${order.number}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Two photos and two signatures are drawn as images.
    expect(response.rawPayload.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(4);
    const text = await textOf(response.rawPayload);
    for (const expected of [
      'LAPORAN SERVIS',
      order.number,
      'Ibu Ratna Sari Dewi',
      // +62813… as the customer reads it: the country code, then the operator's groups.
      `+62 813-${customer.phone.slice(6, 10)}-${customer.phone.slice(10)}`,
      // Bought 1 March 2019 with 12 months of warranty, written as a date, not 2020-03-01.
      'Di luar garansi (s.d. 1 Mar 2020)',
      customer.product.serialNumber,
      'AC tidak dingin',
      'Kapasitor kompresor lemah',
      'PDF-CAP-35',
      'Jasa servis',
      'Rp 90.000',
      'PPN 11%',
      'Rp 34.650',
      'Rp 349.650',
      'Sudah dibayar',
      'Rp 200.000',
      'Sisa tagihan',
      'Rp 149.650',
      'Agus Setiawan',
      'Disetujui oleh Ratna',
      'Foto',
      'Sebelum',
      'Sesudah',
      'Tanda tangan pelanggan',
    ]) {
      expect(text, expected).toContain(squeeze(expected));
    }
    expect(text).not.toContain(customer.phone);
    expect(text).not.toContain('2020-03-01');
    // Every time in the branch's zone (Jakarta), with its label.
    expect(text).toMatch(/Dicetak\d{1,2}\p{L}{3}\d{4},\d{2}\.\d{2}WIB/u);
    // pdf.js reads U+00B5 MICRO SIGN back as the Greek mu it looks like.
    expect(text.normalize('NFKC')).toContain(squeeze('Kapasitor kompresor 35μF'.normalize('NFKC')));
  });

  it('is in English with ?lang=en', async () => {
    const text = await textOf((await report(technician, '?lang=en')).rawPayload);
    for (const expected of [
      'SERVICE REPORT',
      order.number,
      'Spare parts',
      'Labor',
      'VAT 11%',
      'Rp 349,650',
      'Balance due',
      'Out of warranty (until 1 Mar 2020)',
    ]) {
      expect(text, expected).toContain(squeeze(expected));
    }
  });

  it('lists what was given back after a reopening took the part off a bill paid in full', async () => {
    const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
    const other = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
    const send = (caller: { token: string }, path: string, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${other.id}/${path}`,
        headers: bearer(caller.token),
        payload,
      });
    await send(agent, 'transitions', { action: 'assign', technicianId: technician.id });
    await send(technician, 'transitions', { action: 'accept' });
    await send(technician, 'transitions', { action: 'start' });
    await app.inject({
      method: 'PUT',
      url: `/api/v1/work-orders/${other.id}/charges`,
      headers: bearer(technician.token),
      payload: { labor: 100_000, transport: 50_000 },
    });
    await send(technician, 'transitions', {
      action: 'complete',
      diagnosis: 'Kapasitor lemah',
      actionTaken: 'Ganti kapasitor',
      result: 'fixed',
      signature: signaturePng,
      partsUsed: [{ partId: capacitor.id, quantity: 1 }],
    });
    // (150 000 + 45 000) + PPN 11 % = Rp 216.450; the capacitor is Rp 49.950 of it.
    await send(technician, 'approval', { signature: signaturePng, approvedTotal: 216_450, name: 'Ratna' });
    await send(technician, 'payments', { method: 'cash', amount: 216_450 });
    await send(supervisor, 'transitions', { action: 'reopen', reason: 'Bocor lagi' });
    const refund = await send(supervisor, 'refunds', {
      kind: 'credit_note',
      amount: 49_950,
      reason: 'Untuk servis berikutnya',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${other.id}/report.pdf`,
      headers: bearer(agent.token),
    });
    const text = await textOf(pdf.rawPayload);
    for (const expected of [
      'Sudah dibayar',
      'Rp 216.450',
      'Dikembalikan (uang kembali dan nota kredit)',
      '-Rp 49.950',
    ]) {
      expect(text, expected).toContain(squeeze(expected));
    }
    expect(text).toContain(squeeze('Sisa tagihan Rp 0'));
  });

  it('answers 404 to whoever may not see the work order, and 400 to an unknown language', async () => {
    expect((await report(stranger)).statusCode).toBe(404);
    expect((await report(agent, '?lang=fr')).statusCode).toBe(400);
  });
});
