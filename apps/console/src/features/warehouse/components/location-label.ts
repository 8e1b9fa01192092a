import type { StockLocation } from '@purnajual/contract';
import type { TFunction } from 'i18next';

/** `Gudang Cabang Jakarta`, `Bin rusak Cabang Jakarta`, `Tas Agus Setiawan`. */
export function locationLabel(location: StockLocation, t: TFunction) {
  switch (location.kind) {
    case 'warehouse':
      return t('warehouse.location.warehouse', { branch: location.branchName ?? '—' });
    case 'defective':
      return t('warehouse.location.defective', { branch: location.branchName ?? '—' });
    case 'technician':
      return t('warehouse.location.technician', { name: location.technicianName ?? '—' });
  }
}

/** Locations for a Select, grouped by branch: an admin sees every branch's. */
export function locationOptions(locations: readonly StockLocation[], t: TFunction) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const location of locations) {
    const group = location.branchName ?? t('board.noBranch');
    groups.set(group, [...(groups.get(group) ?? []), { value: location.id, label: locationLabel(location, t) }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}
