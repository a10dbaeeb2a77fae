import * as v from 'valibot';
import { PresenceList, type ContentToBackground } from '../../../lib/messages/runtime-messages';
import { MAX_PRESENCE_HANDLES } from '../../../lib/protocol/wire';
import type { CallButtons } from '../core/call-buttons';
import type { Feature } from '../core/feature';
import { HOST_TAG } from '../core/host-tag';
import { toBackground } from '../to-background';
import { setPresence, type ShownPresence } from './presence-dot';
import { nextStep, QUIET_MS, type Waiting } from './presence-timing';

/** As long as the background keeps answers: asking again sooner would only read its cache. */
const FRESH_MS = 60_000;
/**
 * After "ask again later" (signed out, server away, over the server's limit) nothing is asked until the
 * background says presence is back (`resume`), or until someone comes onto the page after this long:
 * no timer wakes the extension while it waits.
 */
const LATER_MS = 30_000;

/**
 * Presence dots for every host on the page. Nothing is asked before the background says it is connected
 * (`resume`, from the page's start or its later word), so a signed-out reader's page pays nothing. New
 * handles are then collected until the page is quiet (presence-timing.ts) and sent to the background in
 * one message (50 handles each), which answers from its cache or one server query.
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
      },
    };
  },
};

function startPresenceDots(onHandleShown: CallButtons['onHandleShown']) {
  const known = new Map<string, { state: ShownPresence; at: number }>();
  let wanted = new Set<string>();
  let waiting: Waiting | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let laterUntil = Infinity;
  /**
   * People on the page went unasked (told "later", or presence only now available): the next question
   * takes in every host on the page without a fresh answer, not only the newly shown.
   */
  let pageUnasked = false;

  const fresh = (handle: string, now: number) => {
    const entry = known.get(handle);
    return entry && now - entry.at < FRESH_MS ? entry : null;
  };

  onHandleShown((host, handle, reused) => {
    const now = performance.now();
    const entry = fresh(handle, now);
    if (entry) return setPresence(host, entry.state);
    // A recycled host's dot was someone else's.
    if (reused) setPresence(host, null);
    if (now < laterUntil) return;
    wanted.add(handle);
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
    flush();
  }

  function flush() {
    if (pageUnasked) {
      pageUnasked = false;
      const now = performance.now();
      for (const host of document.getElementsByTagName(HOST_TAG) as HTMLCollectionOf<HTMLElement>) {
        const handle = host.dataset.ringsideHandle!;
        if (!fresh(handle, now)) wanted.add(handle);
      }
    }
    const handles = [...wanted];
    wanted = new Set();
    for (let i = 0; i < handles.length; i += MAX_PRESENCE_HANDLES) void ask(handles.slice(i, i + MAX_PRESENCE_HANDLES));
  }

  function later() {
    laterUntil = performance.now() + LATER_MS;
    pageUnasked = true;
  }

  async function ask(handles: string[]) {
    const message: ContentToBackground = { type: 'presence.get', handles };
    const raw = await toBackground(message);
    // Null is the background's "ask again later", or no answer at all: nothing to parse, and a schema's
    // failure report costs more than the rest of this function.
    if (raw === null || raw === undefined) return later();
    const parsed = v.safeParse(PresenceList, raw);
    if (!parsed.success) return later();
    const asked = new Set(handles);
    const at = performance.now();
    for (const handle of handles) known.set(handle, { state: null, at });
    for (const { handle, state } of parsed.output) known.set(handle, { state: state === 'offline' ? null : state, at });
    for (const host of document.getElementsByTagName(HOST_TAG) as HTMLCollectionOf<HTMLElement>) {
      const handle = host.dataset.ringsideHandle!;
      if (asked.has(handle)) setPresence(host, known.get(handle)!.state);
    }
  }

  return {
    /** The background is connected: the people on the page who have no answer are asked now. */
    resume() {
      laterUntil = -Infinity;
      pageUnasked = true;
      if (!waiting) flush();
    },
    /** Nothing more is asked: this copy of the script has handed the page over (its observers are stopped too). */
    stop() {
      clearTimeout(timer);
    },
  };
}
