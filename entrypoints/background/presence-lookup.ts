import type { PresenceList } from '@/lib/messages/runtime-messages';
import { MAX_PRESENCE_HANDLES, type ClientMessage, type ServerMessage } from '@/lib/protocol/wire';
import { presenceCache } from '@/lib/storage/items';

export const PRESENCE_TTL_MS = 60_000;
const ANSWER_TIMEOUT_MS = 5_000;

type Answer = Extract<ServerMessage, { type: 'presence' }>;

/**
 * Presence for the content scripts: answers from a one-minute cache in storage.session (it survives a
 * worker restart), asks the server only for the rest, in queries of at most 50 handles correlated by id.
 * Handles of people who do not use Ringside are cached as offline like anyone else: after the first
 * answer they cost nothing for a minute. Only online and busy people go back to the page.
 */
export function createPresenceLookup(deps: { send: (message: ClientMessage) => boolean; isLinked: () => boolean }) {
  let nextId = 0;
  const waiting = new Map<number, (answer: Answer | null) => void>();
  let cacheWrites: Promise<void> = Promise.resolve();

  /**
   * Merges into the cache as it is at write time, one write after another: lookups from several tabs
   * overlap, and writing back what each read at its start would drop the others' answers.
   */
  function remember(learnt: Record<string, { state: Answer['states'][number]['state']; at: number }>, now: number) {
    cacheWrites = cacheWrites.catch(() => {}).then(async () => {
      const latest = await presenceCache.getValue();
      const kept = Object.fromEntries(Object.entries(latest).filter(([, entry]) => now - entry.at < PRESENCE_TTL_MS));
      await presenceCache.setValue({ ...kept, ...learnt });
    });
    return cacheWrites;
  }

  function query(handles: string[]): Promise<Answer | null> {
    const id = nextId++ % 2 ** 31;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(id, null), ANSWER_TIMEOUT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      if (!deps.send({ type: 'presence.query', id, handles })) settle(id, null);
    });
  }

  function settle(id: number, answer: Answer | null) {
    const resolve = waiting.get(id);
    waiting.delete(id);
    resolve?.(answer);
  }

  return {
    /** Called with the server's `presence` answers. */
    received(answer: Answer) {
      settle(answer.id, answer);
    },

    /** Null when some handles could not be asked (not signed in, server away, limited): ask again later. */
    async lookup(handles: string[], now = Date.now()): Promise<PresenceList | null> {
      const cache = await presenceCache.getValue();
      const fresh = Object.fromEntries(Object.entries(cache).filter(([, entry]) => now - entry.at < PRESENCE_TTL_MS));
      const missing = [...new Set(handles)].filter((handle) => !fresh[handle]);
      if (missing.length) {
        if (!deps.isLinked()) return null;
        const answers = await Promise.all(chunks(missing, MAX_PRESENCE_HANDLES).map(query));
        const learnt: typeof fresh = {};
        for (const answer of answers) for (const { handle, state } of answer?.states ?? []) learnt[handle] = { state, at: now };
        Object.assign(fresh, learnt);
        await remember(learnt, now);
        if (answers.some((answer) => !answer || answer.limited)) return null;
      }
      return handles.flatMap((handle) => {
        const state = fresh[handle]?.state;
        return state === 'online' || state === 'busy' ? [{ handle, state }] : [];
      });
    },
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
