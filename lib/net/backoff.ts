/** Retries while the ceiling stays at RESTART_CEILING_MS: together about 20 s, as long as a restart takes. */
const RESTART_ATTEMPTS = 10;
const RESTART_CEILING_MS = 3_000;

/**
 * Exponential backoff with jitter (half to all of a ceiling), so a server restart is not met by every client at
 * once. The ceiling holds at 3 s for the first 20 s or so: a restart takes seconds, and a client that slept 4 s
 * past the server's return, then signed in on a busy machine, left its person offline past issue 18's 5 s. A
 * server down for longer than that is down for a while: the delay then grows to 30 s.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = attempt < RESTART_ATTEMPTS ? Math.min(RESTART_CEILING_MS, 1_000 * 2 ** attempt) : Math.min(30_000, RESTART_CEILING_MS * 2 ** (attempt - RESTART_ATTEMPTS + 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
