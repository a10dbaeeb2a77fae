import { MAX_WATCHED_HANDLES } from '../protocol/reach';

/**
 * The handles one device watches: what its x.com tabs show, then its contacts (the popup lists them with
 * their presence), each once, at most `cap`. The people on screen come first: past the cap a contact only
 * misses a dot in the popup, a person on screen would miss the dot beside them.
 */
export function watchSet(tabs: Readonly<Record<string, readonly string[]>>, contacts: readonly string[], cap = MAX_WATCHED_HANDLES): string[] {
  const out = new Set<string>();
  for (const handles of Object.values(tabs)) for (const handle of handles) if (out.size < cap) out.add(handle);
  for (const handle of contacts) if (out.size < cap) out.add(handle);
  return [...out];
}

/** Whether two watch sets hold the same handles, in any order: an unchanged set is not sent again. */
export function sameHandles(a: readonly string[] | null, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  const seen = new Set(a);
  return b.every((handle) => seen.has(handle));
}

/** Where a person stands with the account, read from its reach state. */
export function standing(reach: { contacts: readonly string[]; blocked: readonly string[] } | null, handle: string): { contact: boolean; blocked: boolean } | null {
  if (!reach) return null;
  return { contact: reach.contacts.includes(handle), blocked: reach.blocked.includes(handle) };
}
