import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { apiSignIn, demoPassword, screenshot, testFetch } from './fixtures';

/** A real PNG of the given size in one colour, as a phone camera would hand over a (large) photo. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [200, 120, 40]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Created {
  id: string;
  number: string;
  customerName: string;
  serialNumber: string;
  modelName: string;
}

/** One API call as a signed-in user; anything but a 2xx fails the test with the server's answer. */
export async function call<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await testFetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A district among a technician's areas, or the first one of the regency they cover. */
async function districtCovered(baseUrl: string, token: string, areaCodes: string[]): Promise<string> {
  const district = areaCodes.find((code) => code.split('.').length === 3);
  if (district) return district;
  const regency = areaCodes.find((code) => code.split('.').length === 2);
  if (!regency) throw new Error(`no district or regency among the areas ${areaCodes.join(', ')}`);
  const children = await call<{ items: { code: string }[] }>(baseUrl, token, 'GET', `/api/v1/areas?parent=${regency}`);
  const first = children.items[0]?.code;
  if (!first) throw new Error(`regency ${regency} has no districts`);
  return first;
}

/**
 * What the call centre does before a technician sees anything: a customer in the
 * technician's district with a product, a work order, and the assignment; optionally the
 * technician's acceptance. Everything through the API, as in production.
 */
export async function createAssignedWorkOrder(
  baseUrl: string,
  { technicianNo, customerName, accept = false }: { technicianNo: string; customerName: string; accept?: boolean },
): Promise<Created> {
  const agent = await apiSignIn(baseUrl, '20001');
  const technicianToken = await apiSignIn(baseUrl, technicianNo);
  const technician = await call<{ id: string; areaCodes: string[] }>(baseUrl, technicianToken, 'GET', '/api/v1/me');
  const district = await districtCovered(baseUrl, agent, technician.areaCodes);
  const models = await call<{ items: { code: string; name: string; brand: string }[] }>(
    baseUrl,
    agent,
    'GET',
    '/api/v1/product-models',
  );
  const model = models.items[0];
  if (!model) throw new Error('the demo data has no product models');
  const suffix = String(Date.now()).slice(-7);
  const customer = await call<{ id: string }>(baseUrl, agent, 'POST', '/api/v1/customers', {
    name: customerName,
    phone: `+62813${suffix}`,
    address: `Jl. Kemang Raya No. ${suffix.slice(-2)}, Jakarta Selatan`,
    areaCode: district,
  });
  const serialNumber = `SN${suffix}`;
  const product = await call<{ id: string }>(baseUrl, agent, 'POST', `/api/v1/customers/${customer.id}/products`, {
    modelCode: model.code,
    serialNumber,
  });
  const workOrder = await call<{ id: string; number: string }>(baseUrl, agent, 'POST', '/api/v1/work-orders', {
    customerId: customer.id,
    customerProductId: product.id,
    complaint: 'AC tidak dingin, keluar air dari unit indoor',
    serviceType: 'home_visit',
  });
  await call(baseUrl, agent, 'POST', `/api/v1/work-orders/${workOrder.id}/transitions`, {
    action: 'assign',
    technicianId: technician.id,
  });
  if (accept) {
    await call(baseUrl, technicianToken, 'POST', `/api/v1/work-orders/${workOrder.id}/transitions`, {
      action: 'accept',
    });
  }
  return { id: workOrder.id, number: workOrder.number, customerName, serialNumber, modelName: model.name };
}

/** Signs in on the phone through the form and waits for the home menu. */
export async function signInOnPhone(page: Page, employeeNo: string) {
  await page.goto('/m/login');
  await page.getByLabel('NIK').fill(employeeNo);
  await page.getByLabel('Kata sandi').fill(demoPassword);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('navigation', { name: 'Menu' }).waitFor();
}

/** A customer's signature: a few strokes across the pad with a finger. */
export async function sign(page: Page, label = 'Tanda tangan pelanggan') {
  const pad = page.getByRole('img', { name: label });
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [
    [0.3, 0.3],
    [0.5, 0.7],
    [0.7, 0.3],
    [0.9, 0.6],
  ] as const) {
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
  }
  await page.mouse.up();
}

/** Tops the company up to `total` work orders (carry-in, for one customer), as an agent through the API. */
export async function topUpWorkOrders(baseUrl: string, agentToken: string, total: number) {
  const customers = await call<{ items: { id: string }[] }>(baseUrl, agentToken, 'GET', '/api/v1/customers?limit=1');
  const counts = await call<{ counts: Record<string, number> }>(
    baseUrl,
    agentToken,
    'GET',
    '/api/v1/work-orders/counts',
  );
  const customerId = customers.items[0]?.id;
  const existing = Object.values(counts.counts).reduce((sum, n) => sum + n, 0);
  for (let i = existing; i < total; i += 1) {
    const body = { customerId, complaint: `Keluhan uji ${i}`, serviceType: 'carry_in' };
    await call(baseUrl, agentToken, 'POST', '/api/v1/work-orders', body);
  }
}

/** Picks the photo's kind and hands the camera's shot to the app. */
export async function takePhoto(page: Page, kind: string) {
  await page.getByRole('combobox', { name: 'Jenis foto' }).click();
  await page.getByRole('option', { name: kind }).click();
  // The camera hands over a 2000×1500 shot; the phone sends it at most 1600 px wide.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'IMG_20261128_101500.png',
    mimeType: 'image/png',
    buffer: solidPng(2000, 1500),
  });
}

/** Fills the repair result with a photo and the signature, and completes. */
export async function completeRepair(page: Page) {
  await page.getByRole('link', { name: 'Selesaikan perbaikan' }).click();
  await page.getByLabel('Diagnosis').fill('Freon kurang, pipa kapiler bocor halus');
  await page.getByLabel('Tindakan').fill('Las ulang pipa kapiler, isi freon R32 0,5 kg');
  const kindLabel = 'Sesudah';
  await takePhoto(page, kindLabel);
  // The photo shows at once, from the queue offline or from the server online.
  await page.getByRole('img', { name: kindLabel }).waitFor();
  await sign(page);
  await screenshot(page, 'technician-report');
  await page.getByRole('button', { name: 'Selesaikan perbaikan' }).click();
  await page.getByRole('heading', { name: 'Hasil perbaikan' }).waitFor();
}
