import type { Part, PartLine } from '@purnajual/contract';
import type { Actor } from '../platform/actor';
import type { Clock } from '../platform/clock';
import type { Services } from '../services';
import { demoBranchPartLimits, demoParts } from './parts-catalog';
import type { Random } from './random';

interface DemoStockContext {
  services: Services;
  clock: Clock & { set(date: Date): void };
  random: Random;
  realNow: number;
  /** Demo staff by employee number. */
  actors: Map<string, Actor>;
  /** Branch ids by code. */
  branchIds: Map<string, string>;
}

/** Share of the Jakarta stock each branch's warehouse holds. */
const stockShare: Record<string, number> = { JKT: 1, MKS: 0.6, JYP: 0.4 };

function requireActor(actors: Map<string, Actor>, employeeNo: string): Actor {
  const actor = actors.get(employeeNo);
  if (!actor) throw new Error(`No demo person ${employeeNo}`);
  return actor;
}

function clerkOf(actors: Map<string, Actor>, branchId: string | null): Actor {
  const clerk = [...actors.values()].find((a) => a.role === 'warehouse' && a.branchId === branchId);
  if (!clerk) throw new Error(`No demo warehouse clerk in branch ${branchId}`);
  return clerk;
}

/**
 * The catalog, each branch's opening stock (a few parts already below their reorder
 * level), branch carrying limits, and a starting bag for every technician, issued
 * through requests as the warehouse would. Runs before the work orders, so that repairs
 * can use what is in the bags.
 */
export async function seedPartsAndStock({ services, clock, random, realNow, actors, branchIds }: DemoStockContext) {
  const admin = requireActor(actors, '10001');
  clock.set(new Date(realNow - 50 * 86400_000));
  const parts: Part[] = [];
  for (const body of demoParts) parts.push(await services.parts.createPart(body));

  /** What each branch's warehouse holds, so the starting bags take only what is there. */
  const onHand = new Map<string, Map<string, number>>();
  for (const [code, branchId] of branchIds) {
    const limits = demoBranchPartLimits[code];
    if (limits) await services.stock.setBranchLimits(admin, branchId, limits);
    const clerk = clerkOf(actors, branchId);
    const warehouse = await services.stock.findOrCreateBranchLocation(branchId, 'warehouse');
    const share = stockShare[code] ?? 0.5;
    // Comfortably above the reorder level, except for one part in twelve, which is short.
    const lines = parts.map((part) => ({
      partId: part.id,
      quantity:
        random.next() < 1 / 12
          ? random.int(0, part.reorderLevel)
          : Math.max(part.reorderLevel * 2, Math.round((part.reorderLevel * 3 + random.int(2, 10)) * share)),
    }));
    await services.stock.receive(clerk, {
      locationId: warehouse.id,
      reference: `PO/${code}/2610/001`,
      lines: lines.filter((line) => line.quantity > 0),
    });
    onHand.set(branchId, new Map(lines.map((line) => [line.partId, line.quantity])));
  }
  // An experienced technician may carry more than the branch default.
  const joko = requireActor(actors, '50003');
  await services.stock.setTechnicianLimits(admin, joko.id, { maxItems: 60, maxValue: 25_000_000 });

  const bagWorthy = parts.filter((part) => part.price <= 800_000);
  for (const technician of [...actors.values()].filter((a) => a.role === 'technician')) {
    clock.set(new Date(realNow - random.int(46, 49) * 86400_000));
    const clerk = clerkOf(actors, technician.branchId);
    const stocked = onHand.get(technician.branchId ?? '') ?? new Map<string, number>();
    const quantityOf = (part: Part) => (part.price < 100_000 ? 3 : 1);
    const candidates = bagWorthy.filter((part) => (stocked.get(part.id) ?? 0) >= quantityOf(part) + part.reorderLevel);
    const lines = new Map<string, number>();
    for (let pick = 0; pick < 8 && candidates.length > 0; pick += 1) {
      const [part] = candidates.splice(random.int(0, candidates.length - 1), 1);
      if (!part) break;
      lines.set(part.id, quantityOf(part));
      stocked.set(part.id, (stocked.get(part.id) ?? 0) - quantityOf(part));
    }
    const request = await services.partRequests.createRequest(technician, {
      lines: [...lines].map(([partId, quantity]) => ({ partId, quantity })),
      note: 'Stok awal tas teknisi',
    });
    await services.partRequests.transitionRequest(clerk, request.id, { action: 'approve' }, undefined);
    await services.partRequests.transitionRequest(clerk, request.id, { action: 'issue' }, undefined);
  }

  const fits = new Map<string, Part[]>();
  for (const part of parts) {
    for (const code of part.modelCodes) fits.set(code, [...(fits.get(code) ?? []), part]);
  }
  return {
    /**
     * A part from the technician's bag that fits the product being repaired, for most
     * repairs; none when the bag holds nothing that fits.
     */
    async partsUsedFor(technicianId: string, modelCode: string | undefined): Promise<PartLine[] | undefined> {
      if (modelCode === undefined || random.next() < 0.3) return undefined;
      const inBag = await services.stock.findBagQuantities(technicianId);
      const candidates = (fits.get(modelCode) ?? []).filter((part) => (inBag.get(part.id) ?? 0) > 0);
      if (candidates.length === 0) return undefined;
      return [{ partId: random.pick(candidates).id, quantity: 1 }];
    },
  };
}

/**
 * Today's paperwork in every state: requests waiting, approved, rejected and cancelled,
 * one for a work order on hold, and returns of unused, faulty and replaced parts.
 */
export async function seedPartRequestsAndReturns({ services, clock, random, realNow, actors }: DemoStockContext) {
  const at = (hoursAgo: number) => clock.set(new Date(realNow - hoursAgo * 3600_000));
  const person = (employeeNo: string) => requireActor(actors, employeeNo);
  const { items: catalog } = await services.parts.listParts({ limit: 200 });
  const byNo = (partNo: string) => {
    const part = catalog.find((p) => p.partNo === partNo);
    if (!part) throw new Error(`No demo part ${partNo}`);
    return part.id;
  };

  at(5);
  await services.partRequests.createRequest(person('50001'), {
    lines: [
      { partId: byNo('AC-CAP-35UF'), quantity: 2 },
      { partId: byNo('AC-R410A-1KG'), quantity: 1 },
    ],
    note: 'Untuk jadwal servis AC besok pagi',
  });
  at(4);
  const approved = await services.partRequests.createRequest(person('50002'), {
    lines: [{ partId: byNo('AC-THERM-ROOM'), quantity: 2 }],
  });
  await services.partRequests.transitionRequest(person('30001'), approved.id, { action: 'approve' }, undefined);
  at(26);
  const rejected = await services.partRequests.createRequest(person('50004'), {
    lines: [{ partId: byNo('AC-COMP-1PK'), quantity: 1 }],
    note: 'Kompresor pelanggan mati total',
  });
  await services.partRequests.transitionRequest(
    person('40001'),
    rejected.id,
    { action: 'reject', reason: 'Kompresor hanya diganti setelah dicek supervisor di lokasi' },
    undefined,
  );
  at(30);
  const cancelled = await services.partRequests.createRequest(person('50005'), {
    lines: [{ partId: byNo('WM-BELT-M28'), quantity: 2 }],
  });
  await services.partRequests.transitionRequest(person('50005'), cancelled.id, { action: 'cancel' }, undefined);

  // A technician whose repair waits for a part asks for it for that work order.
  for (const technician of [...actors.values()].filter((a) => a.role === 'technician')) {
    const [onHold] = (
      await services.workOrders.listWorkOrders(technician, {
        limit: 1,
        status: ['on_hold'],
        technicianId: technician.id,
      })
    ).items;
    if (!onHold) continue;
    at(3);
    const model = onHold.product?.model.code;
    const fitting = catalog.find((part) => model !== undefined && part.modelCodes.includes(model));
    await services.partRequests.createRequest(technician, {
      lines: [{ partId: (fitting ?? random.pick(catalog)).id, quantity: 1 }],
      workOrderId: onHold.id,
      note: `Menunggu part untuk ${onHold.number}`,
    });
    break;
  }

  at(6);
  for (const [employeeNo, condition, receive] of [
    ['50003', 'unused', false],
    ['50006', 'defective', true],
  ] as const) {
    const technician = person(employeeNo);
    const bag = await services.stock.getBag(technician);
    const item = bag.items.find((i) => condition === 'defective' || i.part.returnable);
    if (!item) continue;
    const partReturn = await services.partRequests.createReturn(technician, {
      lines: [{ partId: item.part.id, quantity: 1, condition }],
      note: condition === 'unused' ? 'Tidak terpakai, kembali ke gudang' : 'Rusak saat dipasang',
    });
    if (receive) {
      const clerk = clerkOf(actors, technician.branchId);
      await services.partRequests.transitionReturn(clerk, partReturn.id, { action: 'receive' }, undefined);
    }
  }

  // The defective boards the repairs replaced: some already back, some on their way.
  let index = 0;
  for (const technician of [...actors.values()].filter((a) => a.role === 'technician')) {
    const [due] = await services.partRequests.findDefectiveDue(technician);
    if (!due) continue;
    at(2);
    const partReturn = await services.partRequests.createReturn(technician, {
      lines: [{ partId: due.part.id, quantity: due.quantity, condition: 'defective', workOrderId: due.workOrder.id }],
    });
    index += 1;
    if (index % 2 === 0) {
      const clerk = clerkOf(actors, technician.branchId);
      await services.partRequests.transitionReturn(clerk, partReturn.id, { action: 'receive' }, undefined);
    }
  }
}
