import type { ClientMessage, Media } from '../../lib/protocol/wire';
import type { ClusterState } from '../cluster/state';
import type { Log } from '../log';
import type { RingMetrics } from '../metrics';
import { accountOf, same, type Device, type DeviceInfo } from '../presence';
import { decideRing } from '../reach/policy';
import type { RingGate } from '../reach/ring-gate';
import { logCall } from './call-log';
import { missedNotice } from './device-messages';
import { PolicyViolation } from './policy-violation';

/** A ring allowed to ring: the callee's devices it rings now, and whether both sides must go through TURN. */
export interface Admitted {
  callId: string;
  to: string;
  media: Media;
  devices: DeviceInfo[];
  relay: boolean;
}

export interface Admission {
  state: ClusterState;
  gate: RingGate;
  log: Log;
  rings: RingMetrics;
  ringsAtOnce: number;
  /** Whether this server has TURN. */
  relayAvailable: boolean;
}

/**
 * Decides before anything rings. Every refusal about the callee (not allowed, blocked, offline, do not
 * disturb, invisible) reaches the caller as `unavailable`, after the same reads as a ring that goes through.
 * A refused ring is told to the caller, and counted, here; undefined then comes back.
 */
export async function admitRing({ state, gate, log, rings, ringsAtOnce, relayAvailable }: Admission, caller: Device, { callId, to, media }: Extract<ClientMessage, { type: 'ring' }>): Promise<Admitted | undefined> {
  const reused = async () => {
    if (await state.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
  };
  await reused();
  const end = (reason: 'unavailable' | 'busy' | 'rate-limited' | 'relay-unavailable'): undefined => {
    logCall(log, callId, 'refused', `ring from @${caller.handle} refused: ${reason}`, { reason, account: accountOf(caller) });
    rings.ringOutcome(reason);
    caller.send({ type: 'ended', callId, reason });
  };
  const limited = (why: string): undefined => {
    log.warn(`@${caller.handle} is over ${why}; ring refused`, { account: accountOf(caller), callId });
    end('rate-limited');
  };

  const admitted = await gate.admit(caller);
  await reused();
  if (!admitted) return limited(`${gate.limits.ringsPerMinute} rings a minute`);
  if (to === caller.handle) return end('unavailable');
  const facts = await gate.read(caller, to);
  // The world may have moved while the store answered: everything below reads it afresh.
  const own = await state.callsOf(caller.handle);
  // One call at a time per device, and none while the user is in a call on any device.
  if (own.some((c) => c.phase === 'live' || same(c.caller, caller))) return end('unavailable');
  if (own.filter((c) => c.phase === 'ringing' && c.caller.handle === caller.handle).length >= ringsAtOnce) {
    return limited(`${ringsAtOnce} rings at once`);
  }
  const devices = await state.devices(to);
  const decision = decideRing({ ...facts, calleeOnline: devices.length > 0 });
  // Who they kept ringing stays out of the log.
  if (decision.outcome === 'rate-limited') return limited(`${gate.limits.ringsToStrangerPerHour} rings an hour to one person`);
  if (decision.outcome === 'unavailable') {
    end('unavailable');
    if (decision.record === 'request') gate.request(caller, to, facts.calleeAccount);
    if (decision.record === 'missed') {
      const notice = missedNotice(caller, callId, media);
      for (const device of devices) state.send(device, notice);
    }
    return;
  }
  if ((await state.callsOf(to)).some((c) => c.phase === 'live')) return end('busy');
  // Refused before anything rings: never a call that fails once answered.
  if (decision.relay && !relayAvailable) return end('relay-unavailable');
  return { callId, to, media, devices, relay: decision.relay };
}

/**
 * A call link's guest rings the link's owner (server/links checked the link and its limits). The owner's
 * policy does not apply: the owner made the link. The call is always relayed.
 */
export async function admitGuestRing({ state, rings, log }: Pick<Admission, 'state' | 'rings' | 'log'>, guest: Device, callId: string, to: string, media: Media): Promise<Admitted | undefined> {
  if (await state.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
  state.holdUnlisted(guest);
  const end = (reason: 'offline' | 'busy'): undefined => {
    logCall(log, callId, 'refused', `ring from a call link's guest refused: ${reason}`, { reason });
    rings.ringOutcome(reason);
    guest.send({ type: 'ended', callId, reason });
  };
  const devices = await state.devices(to);
  if (devices.length === 0) return end('offline');
  if ((await state.callsOf(to)).some((c) => c.phase === 'live')) return end('busy');
  // Through a link the guest is a stranger and the page anyone's: relayed on both sides, always.
  return { callId, to, media, devices, relay: true };
}
