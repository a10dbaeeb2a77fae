import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPresenceWatch } from '@/entrypoints/background/presence-watch';
import { presenceStates, reachState, watchedByTab } from '@/lib/storage/items';
import { resetBrowser } from './fakes';

const SETTINGS = { whoCanCall: 'contacts', status: 'available', alwaysRelay: false } as const;

/** A worker as it starts: only storage (fakeBrowser's) survives; calling this twice is a restart. */
function startWorker(linked = true) {
  const send = vi.fn((_message: unknown) => linked);
  const tellTab = vi.fn();
  const watch = createPresenceWatch({ send, isLinked: () => linked, tellTab });
  const watches = () => send.mock.calls.map(([message]) => message);
  return { watch, send, tellTab, watches };
}

const quiet = () => vi.advanceTimersByTimeAsync(1_000);

describe('live presence in the background', () => {
  beforeEach(() => {
    resetBrowser();
    vi.useFakeTimers();
  });
  afterEach(() => void vi.useRealTimers());

  it('watches the union of the tabs and the contacts, once per burst, and not again when nothing changed', async () => {
    await reachState.setValue({ contacts: ['dave'], blocked: [], requests: [], settings: SETTINGS });
    const { watch, watches } = startWorker();
    await watch.show(1, ['bob', 'carol']);
    await watch.show(2, ['carol', 'erin']);
    await quiet();
    expect(watches()).toEqual([{ type: 'presence.watch', handles: ['bob', 'carol', 'erin', 'dave'] }]);
    await watch.show(2, ['erin', 'carol']);
    await quiet();
    expect(watches()).toHaveLength(1);
    watch.drop(1);
    await quiet();
    expect(watches().at(-1)).toEqual({ type: 'presence.watch', handles: ['erin', 'carol', 'dave'] });
  });

  it('passes each change to the tabs showing that handle only, and answers a tab with what is known', async () => {
    const { watch, tellTab } = startWorker();
    await watch.show(1, ['bob']);
    await watch.show(2, ['carol']);
    await watch.received([{ handle: 'bob', state: 'online' }, { handle: 'carol', state: 'offline' }]);
    expect(tellTab.mock.calls).toEqual([
      [1, { type: 'presence.changed', states: [{ handle: 'bob', state: 'online' }] }],
      [2, { type: 'presence.changed', states: [{ handle: 'carol', state: 'offline' }] }],
    ]);
    tellTab.mockClear();
    await watch.received([{ handle: 'bob', state: 'online' }]);
    expect(tellTab).not.toHaveBeenCalled();
    await watch.received([{ handle: 'bob', state: 'busy' }]);
    expect(tellTab.mock.calls).toEqual([[1, { type: 'presence.changed', states: [{ handle: 'bob', state: 'busy' }] }]]);
    await expect(watch.show(3, ['bob', 'zed'])).resolves.toEqual([{ handle: 'bob', state: 'busy' }]);
  });

  it('a restarted worker still knows the tabs, and a new socket is sent the set again', async () => {
    const first = startWorker();
    await first.watch.show(1, ['bob']);
    await quiet();
    const second = startWorker();
    second.watch.linkChanged(true);
    await quiet();
    expect(second.watches()).toEqual([{ type: 'presence.watch', handles: ['bob'] }]);
    second.watch.linkChanged(true);
    await quiet();
    expect(second.watches()).toHaveLength(2);
  });

  it('the link going down takes every dot away, and nothing is sent while it is down', async () => {
    const { watch, tellTab } = startWorker();
    await watch.show(1, ['bob']);
    await watch.received([{ handle: 'bob', state: 'online' }]);
    tellTab.mockClear();
    watch.linkChanged(false);
    await vi.waitFor(() => expect(tellTab).toHaveBeenCalledWith(1, { type: 'presence.changed', states: [{ handle: 'bob', state: 'offline' }] }));
    expect(await presenceStates.getValue()).toEqual({});
    const down = startWorker(false);
    await down.watch.show(1, ['carol']);
    await quiet();
    expect(down.send).not.toHaveBeenCalled();
    expect(await watchedByTab.getValue()).toEqual({ 1: ['carol'] });
  });
});
