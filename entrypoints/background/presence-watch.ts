import type { BackgroundToContent, PresenceList } from '@/lib/messages/runtime-messages';
import { debounce } from '@/lib/reach/debounce';
import { sameHandles, watchSet } from '@/lib/reach/watch-set';
import type { ClientMessage, PresenceState } from '@/lib/protocol/wire';
import { presenceStates, reachState, watchedByTab } from '@/lib/storage/items';

/** A scroll reports a few handles at a time: the server hears one watch per burst, within a second. */
const QUIET_MS = 250;
const MAX_WAIT_MS = 1_000;

/**
 * Live presence for the device: each x.com tab says which handles it shows, the background watches their
 * union with the contacts (at most 200) on the server, and hands each pushed change to the tabs that show
 * that handle. Everything it knows is in session storage, so a restarted worker goes on where it was; the
 * set last sent is in memory only, and a fresh socket is sent it again (the server forgets it with the socket).
 */
export function createPresenceWatch(deps: {
  send: (message: ClientMessage) => boolean;
  isLinked: () => boolean;
  tellTab: (tabId: number, message: BackgroundToContent) => void;
}) {
  let sent: string[] | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  /** One storage change after another: tabs report at once, and each must see the others' writes. */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const done = writes.catch(() => {}).then(work);
    writes = done;
    return done;
  };

  const soon = debounce(() => void serially(sendWatch), QUIET_MS, MAX_WAIT_MS);

  async function sendWatch() {
    if (!deps.isLinked()) return;
    const handles = watchSet(await watchedByTab.getValue(), (await reachState.getValue())?.contacts ?? []);
    if (sameHandles(sent, handles)) return;
    if (deps.send({ type: 'presence.watch', handles })) sent = handles;
    // States of handles no longer watched would go stale: they are forgotten.
    const states = await presenceStates.getValue();
    const kept = new Set(handles);
    await presenceStates.setValue(Object.fromEntries(Object.entries(states).filter(([handle]) => kept.has(handle))));
  }

  async function tellTabs(changed: Map<string, PresenceState>) {
    for (const [tabId, handles] of Object.entries(await watchedByTab.getValue())) {
      const states: PresenceList = handles.flatMap((handle) => (changed.has(handle) ? [{ handle, state: changed.get(handle)! }] : []));
      if (states.length) deps.tellTab(Number(tabId), { type: 'presence.changed', states });
    }
  }

  return {
    /** A tab's whole set of shown handles; answered with the states already known for them. */
    show(tabId: number, handles: string[]): Promise<PresenceList> {
      return serially(async () => {
        const tabs = await watchedByTab.getValue();
        await watchedByTab.setValue({ ...tabs, [tabId]: [...new Set(handles)] });
        soon.schedule();
        const states = await presenceStates.getValue();
        return handles.flatMap((handle) => (states[handle] ? [{ handle, state: states[handle] }] : []));
      });
    },
    /** The tab closed or loaded another page: its handles are no longer shown. */
    drop(tabId: number): void {
      void serially(async () => {
        const tabs = await watchedByTab.getValue();
        if (!(tabId in tabs)) return;
        delete tabs[tabId];
        await watchedByTab.setValue(tabs);
        soon.schedule();
      });
    },
    /** The contacts may have changed. */
    contactsChanged(): void {
      soon.schedule();
    },
    /**
     * The link came up (a new socket watches nothing) or went down (nobody's presence is known any more: the
     * dots go until it is back).
     */
    linkChanged(connected: boolean): void {
      sent = null;
      if (connected) return soon.schedule();
      void serially(async () => {
        const known = await presenceStates.getValue();
        await presenceStates.setValue({});
        await tellTabs(new Map(Object.keys(known).map((handle) => [handle, 'offline'])));
      });
    },
    /** The server's `presence.changed`. */
    received(states: PresenceList): Promise<void> {
      return serially(async () => {
        const known = await presenceStates.getValue();
        const changed = new Map<string, PresenceState>();
        for (const { handle, state } of states) {
          if (known[handle] !== state) changed.set(handle, state);
          known[handle] = state;
        }
        await presenceStates.setValue(known);
        await tellTabs(changed);
      });
    },
  };
}

export type PresenceWatch = ReturnType<typeof createPresenceWatch>;
