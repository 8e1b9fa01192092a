import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

/*
 * What Mantine asks of a browser that happy-dom leaves out: media queries (colour scheme,
 * reduced motion), element resizing, the font set a growing textarea listens to, and a
 * canvas to draw a signature on (one that keeps its settings and draws nothing).
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
const drawingContext = (): object => {
  const settings: Record<string | symbol, unknown> = {};
  return new Proxy(settings, { get: (_, key) => (key in settings ? settings[key] : () => undefined) });
};
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: drawingContext });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});
