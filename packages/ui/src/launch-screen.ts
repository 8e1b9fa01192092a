import { useEffect } from 'react';

/** Removes the launch screen the HTML painted (see `launchScreen` in @purnajual/web-build) once the first screen is up. */
export function useLaunchScreenGone() {
  useEffect(() => document.getElementById('splash')?.remove(), []);
}
