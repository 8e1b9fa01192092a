import type { CustomerProduct, TransferProductBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import * as repo from './customers.repository';
import { assertBoughtBy, type CustomersService } from './customers.service';
import { toProducts } from './product-ownership';
import { changeOwner, insertOwnershipChanges } from './product-ownership.repository';

export interface ProductTransferDeps {
  db: Kysely<DB>;
  clock: Clock;
  customers: Pick<CustomersService, 'findCustomerRow'>;
}

const fieldError = (path: string, message: string, detail: string) =>
  new AppError('validation_failed', detail, { errors: [{ path, message }] });

/**
 * A unit changes owner (the house was sold, the set given to a child). Its work orders stay
 * as they were — linked to the unit and to the customer they were done for — so the unit's
 * service history goes with it; the change itself is kept in the unit's ownership history.
 * The serial's search token names the unit, and a search reaches its owner through it: the
 * new owner is found by the serial from the moment the change commits, the old one no longer.
 */
export function createProductTransferService({ db, clock, customers }: ProductTransferDeps) {
  async function findRecipient(id: string) {
    return customers.findCustomerRow(id).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      const message = error.mergedIntoId ? 'was merged into another customer' : 'is not a customer';
      throw new AppError('validation_failed', `The new owner ${message}`, {
        errors: [{ path: 'body.toCustomerId', message }],
        ...(error.mergedIntoId ? { mergedIntoId: error.mergedIntoId } : {}),
      });
    });
  }

  return {
    async transferProduct(actor: Actor, productId: string, body: TransferProductBody): Promise<CustomerProduct> {
      const [product] = await repo.findProducts(db, { ids: [productId] });
      if (!product) throw notFound('Product');
      const recipient = await findRecipient(body.toCustomerId);
      if (recipient.id === product.customerId) {
        throw fieldError('body.toCustomerId', 'already owns this unit', 'The customer already owns this unit');
      }
      const purchaseDate = body.purchaseDate === undefined ? product.purchaseDate : body.purchaseDate;
      const warrantyUntil = body.warrantyUntil === undefined ? product.warrantyUntil : body.warrantyUntil;
      if (body.purchaseDate !== undefined) assertBoughtBy(purchaseDate, clock.now());
      if (purchaseDate !== null && warrantyUntil !== null && warrantyUntil < purchaseDate) {
        throw fieldError(
          'body.warrantyUntil',
          'must not be before the purchase date',
          'The warranty ends before the purchase',
        );
      }
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        const changed = await changeOwner(trx, product.id, product.customerId, {
          customerId: recipient.id,
          ...(body.purchaseDate === undefined ? {} : { purchaseDate }),
          ...(body.warrantyUntil === undefined ? {} : { warrantyUntil }),
        });
        if (!changed) throw new AppError('conflict', 'The unit changed owner meanwhile; look again, then transfer it');
        await insertOwnershipChanges(trx, [
          {
            id: newId(),
            customerProductId: product.id,
            kind: 'transfer',
            fromCustomerId: product.customerId,
            toCustomerId: recipient.id,
            at,
            actorId: actor.id,
          },
        ]);
      });
      const [transferred] = await toProducts(db, await repo.findProducts(db, { ids: [product.id] }));
      if (!transferred) throw notFound('Product');
      return transferred;
    },
  };
}

export type ProductTransferService = ReturnType<typeof createProductTransferService>;
