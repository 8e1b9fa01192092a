import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { inPeriod, num, type ReportScope, wasRepeated } from './reports.repository';

/*
 * Repeat repairs of a period's completed work orders, grouped by the technician who did
 * them and by the unit's model: the same cohort and period rule as the KPIs.
 */

const repeatRowLimit = 50;

/** The period's completed work orders and their repeats, grouped by `by`, the most repeats first. */
function repeatsBy<K extends 'work_order.technicianId' | 'customer_product.modelCode'>(
  db: Kysely<DB>,
  scope: ReportScope,
  by: K,
) {
  return db
    .selectFrom('work_order')
    .leftJoin('customer_product', 'customer_product.id', 'work_order.customerProductId')
    .where(inPeriod('work_order.completedAt', scope))
    .groupBy(by)
    .select((eb) => [
      eb.ref(by).as('key'),
      eb.fn.countAll().as('completed'),
      eb.fn.sum(eb.case().when(wasRepeated(eb)).then(1).else(0).end()).as('repeated'),
    ])
    .orderBy('repeated', 'desc')
    .orderBy('completed', 'desc')
    .limit(repeatRowLimit);
}

/** The groups with the most repeats, each named: the technician's name, the model's brand and name. */
export async function repeatRepairsBy(db: Kysely<DB>, scope: ReportScope) {
  const figures = (row: { key: string | null; completed: unknown; repeated: unknown }) => ({
    key: row.key,
    completed: num(row.completed),
    repeated: num(row.repeated),
  });
  const [byTechnician, byModel] = await Promise.all([
    repeatsBy(db, scope, 'work_order.technicianId').execute(),
    repeatsBy(db, scope, 'customer_product.modelCode').execute(),
  ]);
  const technicianIds = byTechnician.flatMap((row) => (row.key === null ? [] : [row.key]));
  const modelCodes = byModel.flatMap((row) => (row.key === null ? [] : [row.key]));
  const [technicians, models] = await Promise.all([
    technicianIds.length === 0
      ? []
      : db.selectFrom('user').select(['id', 'name']).where('id', 'in', technicianIds).execute(),
    modelCodes.length === 0
      ? []
      : db.selectFrom('product_model').select(['code', 'brand', 'name']).where('code', 'in', modelCodes).execute(),
  ]);
  const technicianName = new Map(technicians.map((row) => [row.id, row.name]));
  const model = new Map(models.map((row) => [row.code, row]));
  return {
    byTechnician: byTechnician.map((row) => ({
      ...figures(row),
      technicianName: row.key === null ? null : (technicianName.get(row.key) ?? null),
    })),
    byModel: byModel.map((row) => ({ ...figures(row), model: row.key === null ? undefined : model.get(row.key) })),
  };
}
