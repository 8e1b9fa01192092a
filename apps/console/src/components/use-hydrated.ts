import { useSyncExternalStore } from 'react';

const noChanges = () => () => {};

/**
 * False in the build's prerender and while React takes over that HTML, true from then on:
 * a form sent before its script runs would go to the server as a plain page request, with
 * what was typed in its address.
 */
export const useHydrated = () =>
  useSyncExternalStore(
    noChanges,
    () => true,
    () => false,
  );
