import { type CustomerPhone, maxCustomerPhones } from '@purnajual/contract';
import { AppError } from '../../errors';
import type { CustomerPhoneRow } from './customers.repository';

export const toPhone = (row: CustomerPhoneRow): CustomerPhone => ({
  number: row.number,
  label: row.label,
  isPrimary: row.primaryOf !== null,
});

/** A number given alone (`phone`, as clients before `phones` send it): labelled by its kind. */
export const onlyPhone = (number: string): CustomerPhone => ({
  number,
  label: number.startsWith('+628') ? 'mobile' : 'home',
  isPrimary: true,
});

export const primaryOf = (phones: readonly CustomerPhone[]) =>
  (phones.find((phone) => phone.isPrimary) ?? phones[0])?.number ?? '';

/** `phone` alone on an update: the primary number changes, the others stay (once each). */
export const withPrimary = (phones: readonly CustomerPhone[], number: string): CustomerPhone[] => {
  const others = phones.filter((phone) => !phone.isPrimary && phone.number !== number);
  const primary = phones.find((phone) => phone.isPrimary);
  return [{ number, label: primary?.label ?? onlyPhone(number).label, isPrimary: true }, ...others];
};

/**
 * The survivor's numbers after a merge: its own as they are (its primary stays primary),
 * then those of the duplicate it lacks, none primary. Numbers are kept in E.164, so one
 * number in two notations is one. More than a customer may have is refused, not cut: which
 * numbers are stale is the supervisor's call, made by editing either customer first.
 */
export function mergePhones(
  survivor: readonly CustomerPhone[],
  duplicate: readonly CustomerPhone[],
  path: string,
): CustomerPhone[] {
  const known = new Set(survivor.map((phone) => phone.number));
  const added = duplicate.filter((phone) => !known.has(phone.number)).map((phone) => ({ ...phone, isPrimary: false }));
  const phones = [...survivor, ...added];
  if (phones.length > maxCustomerPhones) {
    const count = phones.length;
    throw new AppError(
      'conflict',
      {
        en: `Together the two customers have ${count} different numbers and a customer keeps at most ${maxCustomerPhones}: remove the numbers no longer in use from either, then merge`,
        id: `Kedua pelanggan punya ${count} nomor berbeda, sedangkan satu pelanggan paling banyak ${maxCustomerPhones}: hapus dulu nomor yang tidak dipakai lagi dari salah satunya, lalu gabungkan`,
      },
      { errors: [{ path, message: `would give the customer more than ${maxCustomerPhones} numbers` }] },
    );
  }
  return phones;
}
