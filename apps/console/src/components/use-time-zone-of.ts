import { headOfficeTimeZone, type TimeZone } from '@purnajual/contract';
import { useBranches } from './use-branches';
import { useMe } from './use-me';

/** The zone to show a branch's times in: that branch's, else the user's own branch's. */
export function useTimeZoneOf() {
  const me = useMe();
  const branches = useBranches();
  return (branchId: string | null | undefined): TimeZone =>
    branches.byId.get(branchId ?? '')?.timeZone ??
    branches.byId.get(me.data?.branchId ?? '')?.timeZone ??
    headOfficeTimeZone;
}
