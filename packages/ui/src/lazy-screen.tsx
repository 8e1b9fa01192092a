import { type ComponentType, lazy, type ReactElement, type ReactNode, Suspense } from 'react';

/**
 * The element of a screen that is fetched when its route is first opened: the export
 * `name` of the module `load` imports, with `fallback` shown while it arrives.
 */
export function lazyScreen<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  fallback: ReactNode,
): ReactElement {
  const Screen = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={fallback}>
      <Screen />
    </Suspense>
  );
}
