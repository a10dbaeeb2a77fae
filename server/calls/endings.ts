import type { ServerMessage } from '../../lib/protocol/wire';
import type { ClusterState } from '../cluster/state';
import type { Log } from '../log';
import type { RingMetrics } from '../metrics';
import { logCall } from './call-log';
import { same, type Call, type DeviceInfo, type LiveCall, type RingingCall } from '../presence';
import type { Change } from './record-change';
import type { RingTimers } from './ring-timers';

export type EndReason = Extract<ServerMessage, { type: 'ended' }>['reason'];

/** How a call ends: who hears it, and why. */
export interface Ending {
  told: readonly DeviceInfo[];
  reason: EndReason;
}

/** The caller gave up while it rang: its callee's devices stop. */
export function cancelled(call: RingingCall): Ending {
  return { told: call.ringing, reason: 'cancelled' };
}

/** Declined on one device is declined everywhere: the caller and the other devices all stop. */
export function declined(call: RingingCall, by: DeviceInfo): Ending {
  return { told: [call.caller, ...call.ringing].filter((d) => !same(d, by)), reason: 'declined' };
}

export function hungUp(call: LiveCall, by: DeviceInfo, reason?: 'connection-lost'): Ending {
  return { told: [same(by, call.caller) ? call.answeredBy : call.caller], reason: reason ?? 'remote-hangup' };
}

/** Everyone still in the call, ringing or live: for endings nobody in it chose. */
export function everyone(call: Call): readonly DeviceInfo[] {
  return call.phase === 'live' ? [call.caller, call.answeredBy] : [call.caller, ...call.ringing];
}

export function isParty(call: LiveCall, device: DeviceInfo): boolean {
  return same(call.caller, device) || same(call.answeredBy, device);
}

/** What ending a call touches on this node. */
export interface Ends {
  state: ClusterState;
  timers: RingTimers;
  rings: RingMetrics;
  log: Log;
}

/**
 * Removes the record; once that succeeded, stops this node's timers and the call's peers, and tells who must
 * hear. The one place a ring that was ringing ends, so its outcome is counted here, once, by the node that won.
 */
export function ended({ state, timers, rings, log }: Ends, call: Call, { told, reason }: Ending): Change {
  return {
    next: undefined,
    then: () => {
      logCall(log, call.id, 'ended', `ended while ${call.phase}: ${reason}`, { reason });
      if (call.phase === 'ringing') rings.ringOutcome(reason);
      timers.stop(call.id);
      if (call.phase === 'live') state.forgetPeers(call.node, [call.callerPeer.peerId, call.calleePeer.peerId]);
      for (const device of told) state.send(device, { type: 'ended', callId: call.id, reason });
    },
  };
}
