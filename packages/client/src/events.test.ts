import { afterEach, describe, expect, it, vi } from 'vitest';
import { subscribeToEvents } from './events';

/** Stands in for the browser's EventSource: the test dispatches what the server would send. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static latest: FakeEventSource | undefined;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    super();
    FakeEventSource.latest = this;
  }

  receive(type: string, data: string) {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }

  close() {
    this.closed = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('the event-stream subscription', () => {
  it('hands events to onEvent, and a reload (events pruned on the server) to onReload', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const onEvent = vi.fn();
    const onReload = vi.fn();
    const unsubscribe = subscribeToEvents({ onEvent, onReload });
    const source = FakeEventSource.latest;
    if (!source) throw new Error('no EventSource opened');

    source.receive('reload', '{"reason":"events_pruned"}');
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(onEvent).not.toHaveBeenCalled();

    source.receive('work_order.updated', '{"id":"wo-1"}');
    expect(onEvent).toHaveBeenCalledWith('work_order.updated', { id: 'wo-1' });
    expect(onReload).toHaveBeenCalledTimes(1);

    unsubscribe();
    expect(source.closed).toBe(true);
  });
});
