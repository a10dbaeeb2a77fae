import type { Kysely } from 'kysely';
import { describeFailure, type Log } from '../log';
import type { RingingCall } from '../presence';
import type { Schema } from '../storage/schema';
import { InProcessState } from './in-process';
import type { ClusterState } from './state';

export interface RingCarrier {
  /** At start, before any socket: takes up the rings the last run left that are still within their lifetime. */
  restore(): Promise<void>;
  /** When stopping on purpose, before closing sockets: writes the rings in flight for the next start. */
  save(): Promise<void>;
}

const NOTHING: RingCarrier = { restore: async () => {}, save: async () => {} };

/**
 * A single node keeps its rings in memory. Stopped on purpose (a deploy, an upgrade), it writes those in
 * flight to the database with their deadlines, and its next start takes up the ones still within their
 * lifetime: each callee's devices ring again as they reconnect, once, and the caller's install, back on a new
 * socket, hears how the ring ends. A crash writes nothing: the next welcome lists no such call, and the
 * extension ends it in words ("The connection was lost"). Several nodes keep rings in Redis, which outlives
 * any of them; a database in memory outlives nothing: for both there is nothing to carry.
 *
 * Only rings whose caller signed in with a session are carried: under development sign-in or through a call
 * link, a caller on a new socket cannot be known again, so those rings hold the drain until they end, as before.
 */
export function ringCarrier(state: ClusterState, db: Kysely<Schema>, lasting: boolean, log: Log, now = Date.now): RingCarrier {
  if (!(state instanceof InProcessState) || !lasting) return NOTHING;
  return {
    async restore() {
      const rows = await db.transaction().execute(async (tx) => {
        const all = await tx.selectFrom('carried_rings').selectAll().execute();
        await tx.deleteFrom('carried_rings').execute();
        return all;
      });
      if (rows.length === 0) return;
      const at = now();
      const rings = rows.filter((row) => row.expires_at > at).flatMap((row) => readRing(row.record, log));
      state.carryOver(rings, at);
      log.info(`${rings.length} ring(s) carried over from the last run; ${rows.length - rings.length} ended while the server was down`);
    },
    async save() {
      // The sockets that rang are closed next: who rings is whoever reconnects.
      const rings = state.takeRings((ring) => ring.caller.install !== undefined).map((ring) => ({ ...ring, ringing: [] }));
      if (rings.length === 0) return;
      try {
        const rows = rings.map((ring) => ({ call_id: ring.id, record: JSON.stringify(ring), expires_at: ring.expiresAt }));
        await db.insertInto('carried_rings').values(rows).onConflict((c) => c.column('call_id').doNothing()).execute();
        log.info(`${rings.length} ring(s) kept for the next start`);
      } catch (error) {
        log.error(`${rings.length} ring(s) lost with this stop, not written: ${describeFailure(error)}`);
      }
    },
  };
}

/** A record an older run wrote: one this run cannot read is dropped, with a line in the log. */
function readRing(text: string, log: Log): RingingCall[] {
  try {
    const ring = JSON.parse(text) as Partial<RingingCall> | null;
    const device = ring?.caller;
    if (ring?.phase === 'ringing' && typeof ring.id === 'string' && typeof ring.callee === 'string' && typeof ring.expiresAt === 'number' && typeof device?.handle === 'string' && Array.isArray(ring.ringing)) {
      return [ring as RingingCall];
    }
  } catch {
    // Reported below, as a record of the wrong shape is.
  }
  // Its people stay out of the log.
  log.warn('a carried ring was dropped: its record is not one this server reads');
  return [];
}
