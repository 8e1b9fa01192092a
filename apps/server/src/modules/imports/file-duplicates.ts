import type { CustomerRowResult } from './customer-rows';
import { reason } from './import-text';

/**
 * What the lines before have claimed: an `externalId` or a unit (model and serial number)
 * given on two lines of one file is refused on the later one, naming the first. Only keys
 * are kept, not lines, so a file of 400,000 customers needs a few tens of megabytes.
 */
export class FileDuplicates {
  readonly #customers = new Map<string, number>();
  readonly #units = new Map<string, number>();

  check(result: CustomerRowResult): CustomerRowResult {
    if (!('customer' in result)) return result;
    const { externalId, line, product } = result.customer;
    const earlier = this.#customers.get(externalId);
    if (earlier !== undefined) {
      return {
        refused: reason(
          `externalId: ${externalId} is already on line ${earlier}`,
          `idEksternal: ${externalId} sudah ada di baris ${earlier}`,
        ),
      };
    }
    this.#customers.set(externalId, line);
    if (product === null) return result;
    const unit = `${product.modelCode}\u0000${product.serialNumber}`;
    const unitLine = this.#units.get(unit);
    if (unitLine !== undefined) {
      return {
        refused: reason(
          `serialNumber: ${product.serialNumber} of ${product.modelCode} is already on line ${unitLine}`,
          `nomorSeri: ${product.serialNumber} model ${product.modelCode} sudah ada di baris ${unitLine}`,
        ),
      };
    }
    this.#units.set(unit, line);
    return result;
  }
}
