import { ApiError } from '@purnajual/client';
import type { LoginBody } from '@purnajual/contract';
import { useLiveQuery } from 'dexie-react-hooks';
import { api } from '../app/api';
import { clearLocalData, db, type Profile } from './db';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; expired: boolean }
  | { kind: 'signedIn'; profile: Profile };

/**
 * The phone keeps the technician's profile after one online sign-in, so the app opens
 * with no network; the server's session cookie decides once the network is back.
 */
export function useSession(): SessionState {
  return useLiveQuery(
    async (): Promise<SessionState> => {
      const profile = await db.profile.get('me');
      if (!profile) return { kind: 'signedOut', expired: false };
      if (profile.sessionExpired) return { kind: 'signedOut', expired: true };
      return { kind: 'signedIn', profile };
    },
    [],
    { kind: 'loading' },
  );
}

/**
 * Signs in and stores who signed in, which opens the app; the live sync then fills the
 * phone's store in the background. `false` when the account is not a technician's.
 */
export async function signIn(body: LoginBody): Promise<boolean> {
  // Loaded on submit: the schemas and the sync code are not needed to paint the form.
  const [{ loginResponseSchema }, { pullProfile }] = await Promise.all([
    import('@purnajual/contract'),
    import('./sync'),
  ]);
  const { user } = await api.request('POST', '/api/v1/auth/login', loginResponseSchema, { body });
  if (user.role !== 'technician') {
    await api.send('POST', '/api/v1/auth/logout');
    return false;
  }
  const previous = await db.profile.get('me');
  // Another technician on this phone: nothing of the previous one stays, nor is sent as theirs.
  if (previous && previous.user.id !== user.id) await clearLocalData();
  await pullProfile();
  return true;
}

/** The server no longer knows the session: sign in again; queued changes wait for it. */
export async function markSessionExpired() {
  await db.profile.update('me', { sessionExpired: true });
}

export const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.status === 401;

export async function signOut() {
  await api.send('POST', '/api/v1/auth/logout').catch(() => undefined);
  await clearLocalData();
}
