import type { ClientMessage, IceServer } from '../../lib/protocol/wire';
import type { MintedPeers } from '../minted-peers';
import { infoOf, same, type Device, type DeviceInfo, type LiveCall } from '../presence';
import { logCall } from './call-log';
import { acceptedMessage, answeredMessage, peerPath } from './device-messages';
import { ended, everyone, type Ends } from './endings';
import { changeCall } from './record-change';

export interface Answering extends Ends {
  peers: MintedPeers;
  /** Whether this node can carry one more call's two PeerJS sockets. */
  hasRoom: () => boolean;
  iceServersFor: (device: DeviceInfo, call: LiveCall) => IceServer[];
}

/**
 * One of the ringing devices answers: this node mints the call's two peer ids, the other devices stop, and the
 * device that answered gets its own id. False when the device is not ringing in that call (any more).
 */
export async function accept(answering: Answering, device: Device, { callId, media }: Extract<ClientMessage, { type: 'accept' }>): Promise<boolean> {
  const { state, peers, timers, rings, log, hasRoom, iceServersFor } = answering;
  let minted: LiveCall | undefined;
  const done = await changeCall(state, callId, (call) => {
    if (call?.phase !== 'ringing' || !call.ringing.some((d) => same(d, device))) return undefined;
    // No room on this node for the call's two PeerJS sockets: everyone in it hears why, before any id is minted.
    if (!hasRoom()) return ended(answering, call, { told: everyone(call), reason: 'server-full' });
    if (minted) forgetMinted(peers, minted);
    minted = {
      phase: 'live',
      id: callId,
      caller: call.caller,
      callee: call.callee,
      answeredBy: infoOf(device),
      media,
      node: state.node,
      callerPeer: peers.mint(callId),
      calleePeer: peers.mint(callId),
      callerTold: false,
      relay: call.relay,
    };
    const live = minted;
    return {
      next: live,
      then: () => {
        logCall(log, callId, 'answered', `answered (${media}); its PeerJS peers meet on node ${live.node}`, { peersOn: live.node });
        rings.ringOutcome('answered');
        timers.stop(callId);
        for (const other of call.ringing) if (!same(other, device)) state.send(other, { type: 'ended', callId, reason: 'answered-elsewhere' });
        device.send(answeredMessage(live, iceServersFor(device, live), peerPath(state)));
      },
    };
  });
  if (!done && minted) forgetMinted(peers, minted);
  return done;
}

/** The callee's peer is reachable: only now may the caller learn its id (and so, later, its address). */
export async function tellCaller({ state, peers, log, iceServersFor }: Answering, peerId: string): Promise<void> {
  const callId = peers.callOf(peerId);
  if (callId === undefined) return;
  logCall(log, callId, 'peer-open', 'has a PeerJS peer connected here');
  await changeCall(state, callId, (call) => {
    if (call?.phase !== 'live' || call.calleePeer.peerId !== peerId || call.callerTold) return undefined;
    return {
      next: { ...call, callerTold: true },
      then: () => {
        logCall(log, callId, 'caller-told', "callee's peer is reachable: the caller is told where");
        state.send(call.caller, acceptedMessage(call, iceServersFor(call.caller, call), peerPath(state)));
      },
    };
  });
}

function forgetMinted(peers: MintedPeers, call: LiveCall): void {
  peers.forget(call.callerPeer.peerId);
  peers.forget(call.calleePeer.peerId);
}
