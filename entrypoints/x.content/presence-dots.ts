import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PresenceList, type ContentToBackground } from '@/lib/messages/runtime-messages';
import { MAX_PRESENCE_HANDLES } from '@/lib/protocol/wire';
import { HOST_TAG, onHandleShown } from './call-buttons';
import { setPresence, type ShownPresence } from './presence-dot';

/** As long as the background keeps answers: asking again sooner would only read its cache. */
const FRESH_MS = 60_000;
/**
 * A message to the background costs the page more than building a dozen hosts, and scrolling shows new
 * people every frame: while the reader scrolls, the handles of half a second go in one message. A dot
 * showing a moment after its buttons is not worth the page's time.
 */
const MIN_GAP_MS = 500;

/**
 * Presence dots for every host on the page. New handles are collected for one animation frame (half a
 * second while scrolling) and sent to the background in one message (50 handles each), which answers from
 * its cache or one server query.
 */
export function startPresenceDots(): void {
  const known = new Map<string, { state: ShownPresence; at: number }>();
  let wanted = new Set<string>();
  let scheduled = false;
  let askedAt = -Infinity;

  onHandleShown((host, handle) => {
    const entry = known.get(handle);
    if (entry && performance.now() - entry.at < FRESH_MS) return setPresence(host, entry.state);
    wanted.add(handle);
    if (scheduled) return;
    scheduled = true;
    const wait = askedAt + MIN_GAP_MS - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else requestAnimationFrame(flush);
  });

  function flush() {
    scheduled = false;
    askedAt = performance.now();
    const handles = [...wanted];
    wanted = new Set();
    for (let i = 0; i < handles.length; i += MAX_PRESENCE_HANDLES) void ask(handles.slice(i, i + MAX_PRESENCE_HANDLES));
  }

  async function ask(handles: string[]) {
    const message: ContentToBackground = { type: 'presence.get', handles };
    const raw: unknown = await browser.runtime.sendMessage(message).catch(() => null);
    // Null is the background's "ask again later" (not signed in, server away): nothing to parse, and a
    // schema's failure report costs more than the rest of this function.
    if (raw === null || raw === undefined) return;
    const parsed = v.safeParse(PresenceList, raw);
    if (!parsed.success) return;
    const asked = new Set(handles);
    const at = performance.now();
    for (const handle of handles) known.set(handle, { state: null, at });
    for (const { handle, state } of parsed.output) known.set(handle, { state: state === 'offline' ? null : state, at });
    for (const host of document.getElementsByTagName(HOST_TAG) as HTMLCollectionOf<HTMLElement>) {
      const handle = host.dataset.ringsideHandle!;
      if (asked.has(handle)) setPresence(host, known.get(handle)!.state);
    }
  }
}
