import { headOfficeTimeZone, type TimeZone } from '@purnajual/contract';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from './db';

export const useProfile = () => useLiveQuery(() => db.profile.get('me'), []);

/** Times are shown in the technician's branch zone; Jakarta's until the branch is known. */
export function useTimeZone(): TimeZone {
  return useProfile()?.branch?.timeZone ?? headOfficeTimeZone;
}
