import type { EndReason } from '../protocol/end-reason';
import {
  CONNECT_TIMEOUT_MS,
  RECONNECT_TIMEOUT_MS,
  type CallClientMessage,
  type CallEffect,
  type CallEvent,
  type CallState,
  type Phase,
} from './call-state';

export interface Transition {
  state: CallState;
  effects: CallEffect[];
}

type Handler<P extends Phase, E extends CallEvent['type']> = (
  state: Extract<CallState, { phase: P }>,
  event: Extract<CallEvent, { type: E }>,
  now: number,
) => Transition;

type Table = { [P in Phase]: { [E in CallEvent['type']]?: Handler<P, E> } };

export const initialCallState: CallState = { phase: 'idle' };

type Active = Exclude<CallState, { phase: 'idle' | 'ended' }>;

/** Every path out of a live call comes through here, so every ended state carries a reason. */
function end(state: Active, reason: EndReason, now: number, tell: boolean): Transition {
  const connectedAt = 'connectedAt' in state ? state.connectedAt : null;
  const effects: CallEffect[] = [
    { type: 'cancel-timer', timer: 'connect' },
    { type: 'cancel-timer', timer: 'reconnect' },
    { type: 'release' },
  ];
  if (tell) {
    const { callId } = state;
    const message: CallClientMessage =
      state.phase === 'incoming'
        ? { type: 'decline', callId }
        : reason === 'connection-lost'
          ? { type: 'hangup', callId, reason }
          : { type: 'hangup', callId };
    effects.unshift({ type: 'send', message });
  }
  const role = state.phase === 'outgoing' ? 'caller' : state.phase === 'incoming' ? 'callee' : state.role;
  const { callId, peer, media } = state;
  return { state: { phase: 'ended', role, callId, peer, media, reason, connectedAt, endedAt: now }, effects };
}

function serverEnded(state: Active, event: Extract<CallEvent, { type: 'server' }>, now: number): Transition {
  const m = event.message;
  if (m.type !== 'ended' || m.callId !== state.callId) return { state, effects: [] };
  return end(state, m.reason, now, false);
}

const table: Table = {
  idle: {
    // The ring waits for the microphone: ringing someone while the permission tab is still open would make
    // them wait for a caller who may never come.
    dial: (_, e) => ({
      state: { phase: 'outgoing', callId: e.callId, peer: e.peer, media: e.media, rung: false, ringing: false },
      effects: [{ type: 'acquire-media', media: e.media }],
    }),
    incoming: (_, e) => ({
      state: { phase: 'incoming', callId: e.callId, peer: e.peer, media: e.media },
      effects: [],
    }),
  },
  outgoing: {
    'media-ready': (s) =>
      s.rung
        ? { state: s, effects: [] }
        : {
            state: { ...s, rung: true },
            effects: [{ type: 'send', message: { type: 'ring', callId: s.callId, to: s.peer, media: s.media } }],
          },
    server: (s, e, now) => {
      const m = e.message;
      if (m.callId !== s.callId) return { state: s, effects: [] };
      if (m.type === 'ringing') return { state: { ...s, ringing: true }, effects: [] };
      if (m.type === 'accepted') {
        return {
          state: { phase: 'connecting', role: 'caller', callId: s.callId, peer: s.peer, media: s.media },
          effects: [
            { type: 'open-peer', peerId: m.peerId, peerToken: m.peerToken, iceServers: m.iceServers, remotePeerId: m.remotePeerId, relayOnly: m.relay === true, ...(m.peerPath && { peerPath: m.peerPath }) },
            { type: 'start-timer', timer: 'connect', ms: CONNECT_TIMEOUT_MS },
          ],
        };
      }
      return serverEnded(s, e, now);
    },
    // Before the ring went out the server knows nothing of this call: nothing to tell it.
    hangup: (s, _, now) => end(s, 'cancelled', now, s.rung),
    'media-failed': (s, _, now) => end(s, 'media-denied', now, s.rung),
    disconnected: (s, _, now) => end(s, 'connection-lost', now, false),
  },
  incoming: {
    accept: (s, e) => ({
      state: { phase: 'connecting', role: 'callee', callId: s.callId, peer: s.peer, media: e.media },
      effects: [
        { type: 'acquire-media', media: e.media },
        { type: 'send', message: { type: 'accept', callId: s.callId, media: e.media } },
        { type: 'start-timer', timer: 'connect', ms: CONNECT_TIMEOUT_MS },
      ],
    }),
    decline: (s, _, now) => end(s, 'declined', now, true),
    hangup: (s, _, now) => end(s, 'declined', now, true),
    server: serverEnded,
    disconnected: (s, _, now) => end(s, 'connection-lost', now, false),
  },
  connecting: {
    server: (s, e, now) => {
      const m = e.message;
      if (m.type === 'answered' && m.callId === s.callId && s.role === 'callee') {
        return {
          state: s,
          effects: [{ type: 'open-peer', peerId: m.peerId, peerToken: m.peerToken, iceServers: m.iceServers, remotePeerId: null, relayOnly: m.relay === true, ...(m.peerPath && { peerPath: m.peerPath }) }],
        };
      }
      return serverEnded(s, e, now);
    },
    'media-flowing': (s, e) => ({
      state: { ...s, phase: 'connected', connectedAt: e.at },
      effects: [{ type: 'cancel-timer', timer: 'connect' }],
    }),
    hangup: (s, _, now) => end(s, 'hangup', now, true),
    'media-failed': (s, _, now) => end(s, 'media-denied', now, true),
    'peer-failed': (s, _, now) => end(s, 'error', now, true),
    timeout: (s, _, now) => end(s, 'connection-lost', now, true),
    disconnected: (s, _, now) => end(s, 'connection-lost', now, false),
  },
  connected: {
    server: serverEnded,
    'media-stalled': (s) => ({
      state: { ...s, phase: 'reconnecting' },
      effects: [
        { type: 'start-timer', timer: 'reconnect', ms: RECONNECT_TIMEOUT_MS },
        ...(s.role === 'caller' ? [{ type: 'restart-ice' } as const] : []),
      ],
    }),
    hangup: (s, _, now) => end(s, 'hangup', now, true),
    'peer-failed': (s, _, now) => end(s, 'connection-lost', now, true),
  },
  reconnecting: {
    server: serverEnded,
    'media-flowing': (s) => ({
      state: { ...s, phase: 'connected' },
      effects: [{ type: 'cancel-timer', timer: 'reconnect' }],
    }),
    hangup: (s, _, now) => end(s, 'hangup', now, true),
    'peer-failed': (s, _, now) => end(s, 'connection-lost', now, true),
    timeout: (s, _, now) => end(s, 'connection-lost', now, true),
  },
  ended: {
    dial: (_, e, now) => table.idle.dial!({ phase: 'idle' }, e, now),
    incoming: (_, e, now) => table.idle.incoming!({ phase: 'idle' }, e, now),
  },
};

/** Events a phase does not list change nothing: late or duplicate messages are normal on a network. */
export function transition(state: CallState, event: CallEvent, now: number): Transition {
  const handler = table[state.phase][event.type] as Handler<Phase, CallEvent['type']> | undefined;
  if (!handler) return { state, effects: [] };
  return handler(state as never, event as never, now);
}
