/**
 * Whether the ringtone sounds: while any ring is live and the person wants a ringtone. Decided from the
 * whole set of live rings, never from one ring's events, so the answer is the same after a worker restart.
 * `recheckAt` is when the answer changes by itself (the soonest live ring expires), or null.
 */
export function ringtoneDecision(
  rings: readonly { expiresAt: number }[],
  enabled: boolean,
  now: number,
): { play: boolean; recheckAt: number | null } {
  const live = rings.filter((ring) => ring.expiresAt > now);
  if (!enabled || live.length === 0) return { play: false, recheckAt: null };
  return { play: true, recheckAt: Math.min(...live.map((ring) => ring.expiresAt)) };
}
