import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ask } from '@/lib/messages/channel';
import { PageAnswers, type PageToBackground, type ReachChange } from '@/lib/messages/runtime-messages';
import type { Reach } from '@/lib/protocol/reach';
import type { PresenceState } from '@/lib/protocol/wire';
import { presenceStates, reachState, relayAvailable } from '@/lib/storage/items';

/** A stored value the background writes, read once and then kept current as it changes. */
function useStored<T>(item: { getValue(): Promise<T>; watch(cb: (value: T) => void): () => void }, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch(setValue);
  }, [item]);
  return value;
}

/** The account's contacts, blocks, requests and settings as the server last sent them; null before that. */
export const useReach = (): Reach | null => useStored(reachState, null);
export const usePresence = (): Record<string, PresenceState> => useStored(presenceStates, {});
/** False when the server said it has no TURN relay. */
export const useRelayAvailable = (): boolean | null => useStored(relayAvailable, null);

/** The page's one line of words about the latest change (a refusal, or nothing): every change on the page reports there. */
const refusalListeners = new Set<(words: string | null) => void>();

export function useReachRefusal(): string | null {
  const [words, setWords] = useState<string | null>(null);
  useEffect(() => {
    refusalListeners.add(setWords);
    return () => void refusalListeners.delete(setWords);
  }, []);
  return words;
}

/**
 * Asks the background to pass a change to the server. The words of a refusal, or null once the server took it
 * (its fresh state then arrives through storage); told to the page's refusal line as well.
 */
export async function changeReach(change: ReachChange): Promise<string | null> {
  const words = await askBackground(change);
  for (const listener of refusalListeners) listener(words);
  return words;
}

async function askBackground(change: ReachChange): Promise<string | null> {
  const message: Extract<PageToBackground, { type: 'reach.change' }> = { type: 'reach.change', change };
  const result = await ask(PageAnswers, (m: PageToBackground) => browser.runtime.sendMessage(m), message).catch(() => null);
  if (result?.ok) return null;
  return i18n.t(result?.reason === 'limited' ? 'reachLimited' : 'reachOffline');
}
