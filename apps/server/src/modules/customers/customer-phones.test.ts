import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const agent = await createUser(t, 'agent');

const send = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
  app.inject({ method, url, headers: bearer(agent.token), payload });

const customerBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ibu Sari Wulandari',
  address: 'Jl. Kemang Raya No. 21',
  areaCode: '31.74.07',
  ...overrides,
});

const household = [
  { number: '0812-7001-4417', label: 'mobile' },
  { number: '(021) 7001 882', label: 'home', isPrimary: true },
  { number: '+62 857 7001 9911', label: 'family' },
];

describe('customer phones', () => {
  it('keeps every number with its label, and the primary one as `phone`', async () => {
    const created = await send('POST', '/api/v1/customers', customerBody({ phones: household }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      phone: '+62217001882',
      phones: [
        { number: '+6281270014417', label: 'mobile', isPrimary: false },
        { number: '+62217001882', label: 'home', isPrimary: true },
        { number: '+6285770019911', label: 'family', isPrimary: false },
      ],
    });
    const read = await app.inject({ url: `/api/v1/customers/${created.json().id}`, headers: bearer(agent.token) });
    expect(read.json().phones).toEqual(created.json().phones);
  });

  it('takes a customer with only `phone`, as older clients send it, as one primary mobile number', async () => {
    const created = await send('POST', '/api/v1/customers', customerBody({ phone: '0813 7002 5566' }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      phone: '+6281370025566',
      phones: [{ number: '+6281370025566', label: 'mobile', isPrimary: true }],
    });
  });

  it('makes the first number primary when none is marked', async () => {
    const created = await send(
      'POST',
      '/api/v1/customers',
      customerBody({ phones: [{ number: '081370031111' }, { number: '081370032222', label: 'whatsapp' }] }),
    );
    expect(created.json().phone).toBe('+6281370031111');
    expect(created.json().phones.map((p: { isPrimary: boolean }) => p.isPrimary)).toEqual([true, false]);
  });

  it('replaces the numbers on update, and `phone` alone changes only the primary one', async () => {
    const customer = (await send('POST', '/api/v1/customers', customerBody({ phones: household.slice(0, 2) }))).json();
    const replaced = await send('PATCH', `/api/v1/customers/${customer.id}`, {
      version: customer.version,
      phones: [
        { number: '081270014417', label: 'whatsapp', isPrimary: true },
        { number: '0411 452 123', label: 'office' },
      ],
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      phone: '+6281270014417',
      phones: [
        { number: '+6281270014417', label: 'whatsapp', isPrimary: true },
        { number: '+62411452123', label: 'office', isPrimary: false },
      ],
      version: customer.version + 1,
    });
    const primaryOnly = await send('PATCH', `/api/v1/customers/${customer.id}`, { phone: '0812 7004 0000' });
    expect(primaryOnly.json()).toMatchObject({
      phone: '+6281270040000',
      phones: [
        { number: '+6281270040000', label: 'whatsapp', isPrimary: true },
        { number: '+62411452123', label: 'office', isPrimary: false },
      ],
    });
  });

  it.each([
    ['no number at all', {}, 'body.phone'],
    [
      'two primary numbers',
      {
        phones: [
          { number: '081370050001', isPrimary: true },
          { number: '081370050002', isPrimary: true },
        ],
      },
      'body.phones',
    ],
    [
      'the same number twice',
      { phones: [{ number: '081370050001' }, { number: '+62 813 7005 0001' }] },
      'body.phones.1.number',
    ],
    [
      'more numbers than a customer has',
      { phones: Array.from({ length: 7 }, (_, i) => ({ number: `08137006000${i}` })) },
      'body.phones',
    ],
    ['an unknown label', { phones: [{ number: '081370050001', label: 'pager' }] }, 'body.phones.0.label'],
    ['a number that is not Indonesian', { phones: [{ number: '+1 415 555 0100' }] }, 'body.phones.0.number'],
    [
      '`phone` other than the primary of `phones`',
      { phone: '081370050009', phones: [{ number: '081370050001' }] },
      'body.phone',
    ],
  ])('refuses %s, naming the field', async (_, phones, path) => {
    const response = await send('POST', '/api/v1/customers', customerBody(phones));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.path)).toContain(path);
  });
});
