import { ringtoneDecision } from '@/lib/ringtone/decision';
import { activeRings, ringtoneOn } from '@/lib/storage/items';
import { createRingtonePlayer, type RingtonePlayer } from './ringtone-player';

/**
 * Keeps the ringtone in step with the ring inbox: whenever the set of live rings or the "Ringtone" setting
 * changes, and when the soonest ring expires, it decides afresh from storage. Started with the worker, so a
 * restarted worker stops a ringtone whose rings are gone and starts one for a ring that is still live.
 */
export function startRingtone(player: RingtonePlayer = createRingtonePlayer()): void {
  let expiry: ReturnType<typeof setTimeout> | undefined;

  async function sync() {
    const [rings, enabled] = await Promise.all([activeRings.getValue(), ringtoneOn.getValue()]);
    const now = Date.now();
    const { play, recheckAt } = ringtoneDecision(rings, enabled, now);
    clearTimeout(expiry);
    if (recheckAt !== null) expiry = setTimeout(() => void sync(), recheckAt - now);
    await player.set(play);
  }

  activeRings.watch(() => void sync());
  ringtoneOn.watch(() => void sync());
  void sync();
}
