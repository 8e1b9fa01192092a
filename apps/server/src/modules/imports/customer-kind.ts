import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type Clock, localDate } from '../../platform/clock';
import { findAllAreas } from '../areas/areas.repository';
import { createAreaNames } from './area-names';
import { type CustomerColumn, customerColumns } from './customer-columns';
import { type CustomerRowContext, checkCustomerHeader, type ImportedCustomer, readCustomerRow } from './customer-rows';
import { writeCustomers } from './customer-writer';
import type { ImportKindSpec } from './import-kind';
import { reason } from './import-text';

/** Customers and their installed units, upserted by `externalId`. */
export function createCustomerKind({
  db,
  clock,
}: {
  db: Kysely<DB>;
  clock: Clock;
}): ImportKindSpec<CustomerColumn, ImportedCustomer, CustomerRowContext> {
  return {
    kind: 'customers',
    columns: customerColumns,
    names: {
      file: { en: 'customers-template', id: 'templat-pelanggan' },
      sheet: { en: 'Customers', id: 'Pelanggan' },
    },
    checkHeader: checkCustomerHeader,
    async loadContext(): Promise<CustomerRowContext> {
      const [areas, models] = await Promise.all([
        findAllAreas(db),
        db.selectFrom('product_model').select(['code', 'warrantyMonths']).execute(),
      ]);
      return {
        areas: createAreaNames(areas),
        models: new Map(models.map((model) => [model.code, { warrantyMonths: model.warrantyMonths }])),
        // Jayapura's date changes first: a unit bought there today is not in the future.
        today: localDate(clock.now(), 'Asia/Jayapura'),
      };
    },
    readRow: readCustomerRow,
    fileKeys: ({ externalId, product }) => [
      {
        scope: 'customer',
        value: externalId,
        taken: (line) =>
          reason(
            `externalId: ${externalId} is already on line ${line}`,
            `idEksternal: ${externalId} sudah ada di baris ${line}`,
          ),
      },
      ...(product === null
        ? []
        : [
            {
              scope: 'unit',
              value: `${product.modelCode}\u0000${product.serialNumber}`,
              taken: (line: number) =>
                reason(
                  `serialNumber: ${product.serialNumber} of ${product.modelCode} is already on line ${line}`,
                  `nomorSeri: ${product.serialNumber} model ${product.modelCode} sudah ada di baris ${line}`,
                ),
            },
          ]),
    ],
    write: (trx, rows, { now, dryRun, context }) => writeCustomers(trx, rows, { now, dryRun, models: context.models }),
  };
}
