import * as v from 'valibot';

/** X handles: 1-15 of [A-Za-z0-9_], compared case-insensitively, so they travel in lower case. */
export const HANDLE_PATTERN = /^[A-Za-z0-9_]{1,15}$/;

export const Handle = v.pipe(v.string(), v.regex(HANDLE_PATTERN), v.toLowerCase());

export function normalizeHandle(input: string): string | null {
  const bare = input.trim().replace(/^@/, '');
  return HANDLE_PATTERN.test(bare) ? bare.toLowerCase() : null;
}
