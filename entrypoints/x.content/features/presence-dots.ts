import type { PresenceList } from '../../../lib/messages/runtime-messages';
import { MAX_WATCHED_HANDLES } from '../../../lib/protocol/reach';
import type { CallButtons } from '../core/call-buttons';
import type { Feature } from '../core/feature';
import { HOST_TAG } from '../core/host-tag';
import { toBackground } from '../to-background';
import { setPresence, type ShownPresence } from './presence-dot';
import { nextStep, QUIET_MS, type Waiting } from './presence-timing';

/**
 * Live presence dots. The page tells the background every handle it shows (the hosts in the document: X
 * removes the rows that scroll far away), once the page is quiet (presence-timing.ts) after someone new
 * came onto it; the background watches them on the server and passes each change on (`presence.changed`).
 * Nothing is said before the background is connected (`resume`), so a signed-out reader's page pays nothing.
 */
export const presenceDots: Feature = {
  start({ ctx, buttons }) {
    const presence = startPresenceDots(buttons.onHandleShown);
    ctx.onInvalidated(presence.stop);
    return {
      started(start) {
        if (start.presence) presence.resume();
      },
      heard(message) {
        if (message.type === 'presence.ready') presence.resume();
        if (message.type === 'presence.changed') presence.apply(message.states);
      },
    };
  },
};

function startPresenceDots(onHandleShown: CallButtons['onHandleShown']) {
  /** The states pushed for the handles this page watches. */
  const known = new Map<string, ShownPresence>();
  /** The handles last told to the background. */
  let watched = new Set<string>();
  let active = false;
  let waiting: Waiting | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  onHandleShown((host, handle, reused) => {
    const state = known.get(handle);
    // A recycled host's dot was someone else's.
    if (state !== undefined || reused) setPresence(host, state ?? null);
    if (!active || watched.has(handle)) return;
    const now = performance.now();
    if (waiting) waiting.lastAt = now;
    else {
      waiting = { firstAt: now, lastAt: now, waited: QUIET_MS };
      timer = setTimeout(check, QUIET_MS);
    }
  });

  function check() {
    const step = nextStep(waiting!, performance.now());
    if (!step.ask) {
      waiting!.waited = step.wait;
      timer = setTimeout(check, step.wait);
      return;
    }
    waiting = null;
    void tell();
  }

  async function tell() {
    const shown = new Set<string>();
    for (const host of document.getElementsByTagName(HOST_TAG) as HTMLCollectionOf<HTMLElement>) {
      if (shown.size === MAX_WATCHED_HANDLES) break;
      shown.add(host.dataset.ringsideHandle!);
    }
    watched = shown;
    // A handle no longer watched hears no more changes: its state would go stale.
    for (const handle of known.keys()) if (!shown.has(handle)) known.delete(handle);
    const states = await toBackground({ type: 'presence.watch', handles: [...shown] });
    if (states) apply(states);
  }

  function apply(states: PresenceList) {
    const changed = new Map<string, ShownPresence>();
    for (const { handle, state } of states) {
      if (!watched.has(handle)) continue;
      const shown = state === 'offline' ? null : state;
      known.set(handle, shown);
      changed.set(handle, shown);
    }
    if (changed.size === 0) return;
    for (const host of document.getElementsByTagName(HOST_TAG) as HTMLCollectionOf<HTMLElement>) {
      const state = changed.get(host.dataset.ringsideHandle!);
      if (state !== undefined) setPresence(host, state);
    }
  }

  return {
    /** The background is connected: it is told what the page shows now. */
    resume() {
      active = true;
      if (!waiting) void tell();
    },
    apply,
    /** Nothing more is said: this copy of the script has handed the page over (its observers are stopped too). */
    stop() {
      clearTimeout(timer);
    },
  };
}
