import { useEffect } from 'react';

/**
 * Once the first screen is up: removes the launch screen the HTML painted (`launchScreen`
 * in @purnajual/web-build), and switches on the whole stylesheet a prerendered page held
 * back while it painted from its own rules (`withPrerenderedRoot` there), before the app
 * draws anything that page did not hold.
 */
export function useFirstScreenShown() {
  useEffect(() => {
    document.getElementById('splash')?.remove();
    for (const link of document.querySelectorAll<HTMLLinkElement>('link[data-deferred-stylesheet]')) link.media = 'all';
  }, []);
}
