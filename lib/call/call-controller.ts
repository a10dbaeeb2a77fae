import { transition, initialCallState } from './call-machine';
import type { CallClientMessage, CallEffect, CallEvent, CallState, Timer } from './call-state';
import { acquireLocalMedia, stopMedia } from './local-media';
import { watchMediaFlow, type FlowWatch } from './media-flow';
import { openPeerCall, type PeerCall } from './peer';

export interface CallView {
  call: CallState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
}

export interface CallControllerDeps {
  serverUrl: string;
  /** "Hide my IP address": only relayed candidates, so the other side never learns this device's address. */
  relayOnly?: () => Promise<boolean>;
  send(message: CallClientMessage): void;
  onChange(view: CallView): void;
  now?: () => number;
}

/**
 * Runs the call machine in the call window: feeds it events, carries out its effects through the
 * adapters (getUserMedia, PeerJS, getStats, timers) and reports every change.
 */
export function createCallController(deps: CallControllerDeps) {
  const now = deps.now ?? Date.now;
  let view: CallView = { call: initialCallState, localStream: null, remoteStream: null };
  let media: Promise<MediaStream | null> = Promise.resolve(null);
  let peerCall: PeerCall | null = null;
  let flow: FlowWatch | null = null;
  const timers = new Map<Timer, ReturnType<typeof setTimeout>>();

  function update(patch: Partial<CallView>) {
    view = { ...view, ...patch };
    deps.onChange(view);
  }

  function dispatch(event: CallEvent) {
    const { state, effects } = transition(view.call, event, now());
    if (state === view.call && effects.length === 0) return;
    update({ call: state });
    effects.forEach(run);
  }

  const callIdNow = () => ('callId' in view.call ? view.call.callId : null);
  const isOver = (callId: string | null) => view.call.phase === 'ended' || callIdNow() !== callId;

  function run(effect: CallEffect) {
    switch (effect.type) {
      case 'acquire-media': {
        const callId = callIdNow();
        media = acquireLocalMedia(effect.media).then(
          (stream) => {
            if (isOver(callId)) {
              stopMedia(stream);
              return null;
            }
            update({ localStream: stream });
            return stream;
          },
          () => {
            if (!isOver(callId)) dispatch({ type: 'media-failed' });
            return null;
          },
        );
        return;
      }
      case 'send':
        deps.send(effect.message);
        return;
      case 'open-peer': {
        const callId = callIdNow();
        void Promise.all([media, deps.relayOnly?.() ?? false]).then(([localStream, relayOnly]) => {
          if (!localStream || isOver(callId)) return;
          if (relayOnly && !effect.iceServers.some(isTurn)) {
            // Without a relay the only way through would reveal the address the person asked to hide.
            console.warn('[ringside] call failed: relay-only and the server offered no TURN relay');
            return dispatch({ type: 'peer-failed' });
          }
          peerCall = openPeerCall(
            { ...effect, serverUrl: deps.serverUrl, localStream, relayOnly },
            {
              onConnection: (pc) => {
                flow = watchMediaFlow(pc, {
                  onFlowing: (at) => dispatch({ type: 'media-flowing', at }),
                  onStalled: () => dispatch({ type: 'media-stalled' }),
                });
              },
              onRemoteStream: (remoteStream) => update({ remoteStream }),
              onFailure: (detail) => {
                console.warn(`[ringside] call failed: ${detail}`);
                dispatch({ type: 'peer-failed' });
              },
            },
          );
        });
        return;
      }
      case 'start-timer':
        clearTimeout(timers.get(effect.timer));
        timers.set(effect.timer, setTimeout(() => dispatch({ type: 'timeout', timer: effect.timer }), effect.ms));
        return;
      case 'cancel-timer':
        clearTimeout(timers.get(effect.timer));
        timers.delete(effect.timer);
        return;
      case 'release':
        flow?.stop();
        flow = null;
        peerCall?.close();
        peerCall = null;
        void media.then(stopMedia);
        update({ localStream: null, remoteStream: null });
        return;
    }
  }

  return { dispatch, view: () => view };
}

export type CallController = ReturnType<typeof createCallController>;

function isTurn(server: { urls: string | string[] }): boolean {
  return [server.urls].flat().some((url) => /^turns?:/.test(url));
}
