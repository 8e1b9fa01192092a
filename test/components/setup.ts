import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

/*
 * What Mantine asks of a browser that happy-dom leaves out: media queries (colour scheme,
 * reduced motion), element resizing, and the font set a growing textarea listens to.
 */
Object.defineProperty(window, 'matchMedia', {
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
window.ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

Object.defineProperty(document, 'fonts', { value: new EventTarget() });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});
