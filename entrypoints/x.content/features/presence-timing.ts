/**
 * When to ask the background for presence. A message to it costs the page more than building a dozen
 * hosts, and a reader who is still scrolling does not read dots: the question waits until no new person
 * has come onto the page for QUIET_MS, and at the latest MAX_WAIT_MS after the first person still
 * waiting for an answer, for someone who scrolls slowly without a pause.
 */
export const QUIET_MS = 500;
export const MAX_WAIT_MS = 3_000;

export interface Waiting {
  /** When the first person still without an answer came onto the page. */
  firstAt: number;
  /** When the latest one did. */
  lastAt: number;
  /** How long the check now running waited after the one before it. */
  waited: number;
}

/**
 * `ask`, or how long to wait before looking again. Each look is a task of its own on X's main thread,
 * so the longer the page stays busy the less often it looks: at 0.5 s, 1.5 s and 3 s after the first.
 */
export function nextStep(waiting: Waiting, now: number): { ask: true } | { ask: false; wait: number } {
  const left = waiting.firstAt + MAX_WAIT_MS - now;
  if (now - waiting.lastAt >= QUIET_MS || left <= 0) return { ask: true };
  return { ask: false, wait: Math.min(waiting.waited * 2, left) };
}
