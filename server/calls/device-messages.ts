import { GUEST_HANDLE } from '../../lib/protocol/call-link';
import { nodePeerPath } from '../../lib/protocol/endpoints';
import type { IceServer, Media, ServerMessage } from '../../lib/protocol/wire';
import type { ClusterState } from '../cluster/state';
import type { DeviceInfo, LiveCall, RingingCall } from '../presence';

type Out<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** What a callee's device shows of a ring: who calls (a guest by the name it gave), and whether X proved it. */
export function ringMessage(call: RingingCall): Out<'ring'> {
  const { caller } = call;
  return {
    type: 'ring',
    callId: call.id,
    from: caller.guest ? GUEST_HANDLE : caller.handle,
    media: call.media,
    expiresAt: call.expiresAt,
    verified: caller.userId !== undefined,
    // Checked against the ring's schema when the device signed in (ws-session.ts).
    ...(caller.name ? { name: caller.name } : {}),
    ...(caller.avatarUrl ? { avatarUrl: caller.avatarUrl } : {}),
    ...(caller.guest && { guest: caller.guest }),
  };
}

/** Do not disturb or invisible: the callee's devices keep the ring as a missed call. */
export function missedNotice(caller: DeviceInfo, callId: string, media: Media): Out<'missed'> {
  return { type: 'missed', callId, from: caller.handle, media, at: Date.now(), verified: caller.userId !== undefined };
}

/** Where the two peers meet, named only when another node could otherwise be asked. */
export function peerPath(state: Pick<ClusterState, 'shared' | 'node'>): { peerPath?: string } {
  return state.shared ? { peerPath: nodePeerPath(state.node) } : {};
}

/** To the device that accepted: its own peer id, straight away. */
export function answeredMessage(call: LiveCall, iceServers: IceServer[], where: { peerPath?: string }): Out<'answered'> {
  return { type: 'answered', callId: call.id, ...call.calleePeer, iceServers, relay: call.relay, ...where };
}

/** To the caller, once the callee's peer is reachable: only now may it learn that peer's id. */
export function acceptedMessage(call: LiveCall, iceServers: IceServer[], where: { peerPath?: string }): Out<'accepted'> {
  return { type: 'accepted', callId: call.id, media: call.media, ...call.callerPeer, remotePeerId: call.calleePeer.peerId, iceServers, relay: call.relay, ...where };
}
