import { ApiError } from '@purnajual/client';
import type { LoginBody } from '@purnajual/contract';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import type { Profile } from './db';
import { storeName } from './store-name';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; expired: boolean }
  | { kind: 'signedIn'; profile: Profile };

/**
 * The phone's store (Dexie and the tables) is fetched apart from the first screen: a new
 * phone paints the sign-in form while it arrives, instead of after it, on a slow 4G link.
 */
const store = () => import('./db');

/** Told when a sign-in has stored its profile, so a page that found no store starts watching it. */
const signedIn = new EventTarget();

/** Whether the phone has the store at all, asked of the browser without loading Dexie. */
async function storeExists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === storeName);
  } catch {
    return true;
  }
}

const signedOut: SessionState = { kind: 'signedOut', expired: false };

/**
 * The phone keeps the technician's profile after one online sign-in, so the app opens
 * with no network; the server's session cookie decides once the network is back. A
 * phone that never signed in has no store: it is signed out without loading Dexie
 * until a sign-in creates the store.
 */
export function useSession(): SessionState {
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });
  useEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    let watching = false;
    let unmounted = false;
    const watch = async () => {
      if (watching) return;
      watching = true;
      const [{ db }, { liveQuery }] = await Promise.all([store(), import('dexie')]);
      if (unmounted) return;
      subscription = liveQuery(async (): Promise<SessionState> => {
        const profile = await db.profile.get('me');
        if (!profile) return signedOut;
        if (profile.sessionExpired) return { kind: 'signedOut', expired: true };
        return { kind: 'signedIn', profile };
      }).subscribe({ next: setSession });
    };
    const onSignIn = () => void watch();
    signedIn.addEventListener('stored', onSignIn);
    void storeExists().then((exists) => {
      if (exists) void watch();
      else if (!watching) setSession(signedOut);
    });
    return () => {
      unmounted = true;
      signedIn.removeEventListener('stored', onSignIn);
      subscription?.unsubscribe();
    };
  }, []);
  return session;
}

/**
 * Signs in and stores who signed in, which opens the app; the live sync then fills the
 * phone's store in the background. `false` when the account is not a technician's.
 */
export async function signIn(body: LoginBody): Promise<boolean> {
  // Loaded on submit: the schemas and the sync code are not needed to paint the form.
  const [{ loginAnswerSchema }, { pullProfile }, { clearLocalData, db }] = await Promise.all([
    import('@purnajual/contract'),
    import('./sync'),
    store(),
  ]);
  const answer = await api.request('POST /api/v1/auth/login', loginAnswerSchema, { body });
  // A second factor is for console users, who have no session yet and nothing to do here.
  if (!('user' in answer)) return false;
  const { user } = answer;
  if (user.role !== 'technician') {
    await api.send('POST /api/v1/auth/logout');
    return false;
  }
  const previous = await db.profile.get('me');
  // Another technician on this phone: nothing of the previous one stays, nor is sent as theirs.
  if (previous && previous.user.id !== user.id) await clearLocalData();
  await pullProfile();
  signedIn.dispatchEvent(new Event('stored'));
  return true;
}

/** The server no longer knows the session: sign in again; queued changes wait for it. */
export async function markSessionExpired() {
  const { db } = await store();
  await db.profile.update('me', { sessionExpired: true });
}

export const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.status === 401;

export async function signOut() {
  // The phone stops taking pushes now; the server drops the session's subscriptions at logout.
  await import('./push').then(({ disablePush }) => disablePush({ tellServer: false })).catch(() => undefined);
  await api.send('POST /api/v1/auth/logout').catch(() => undefined);
  const { clearLocalData } = await store();
  await clearLocalData();
}
