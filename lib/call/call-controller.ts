import type { CallAdapters, InCallHandle } from './call-adapters';
import { transition, initialCallState } from './call-machine';
import type { CallClientMessage, CallEffect, CallEvent, CallState, Timer } from './call-state';
import { INITIAL_IN_CALL, type ControlFailure, type InCallView } from './in-call-view';
import { openMediaConnection, type MediaConnection } from './media-connection';
import type { Allowed } from './permission-result';

export interface CallView {
  call: CallState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** Null until the media connection exists: only then do the in-call controls mean anything. */
  inCall: InCallView | null;
}

export const INITIAL_CALL_VIEW: CallView = { call: initialCallState, localStream: null, remoteStream: null, inCall: null };

export interface CallControllerDeps {
  serverUrl: string;
  /** "Hide my IP address": only relayed candidates, so the other side never learns this device's address. */
  relayOnly?: () => Promise<boolean>;
  send(message: CallClientMessage): void;
  onChange(view: CallView): void;
  /** Opens the permission page and resolves with what the person allowed (the microphone at least). */
  askMediaPermission(): Promise<Allowed>;
  now?: () => number;
  /** getUserMedia, PeerJS, the in-call controls, getStats: browserCallAdapters in the call window. */
  adapters: CallAdapters;
}

/**
 * Runs the call machine in the call window: feeds it events, carries out its effects through the
 * adapters (media, the media connection, timers) and reports every change.
 */
export function createCallController(deps: CallControllerDeps) {
  const now = deps.now ?? Date.now;
  const { adapters } = deps;
  let view: CallView = INITIAL_CALL_VIEW;
  let media: Promise<MediaStream | null> = Promise.resolve(null);
  let connection: MediaConnection | null = null;
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
        media = adapters.acquireMedia(effect.media, deps.askMediaPermission).then(
          (stream) => {
            if (isOver(callId)) {
              adapters.stopMedia(stream);
              return null;
            }
            update({ localStream: stream });
            return stream;
          },
          (error: unknown) => {
            console.warn('[ringside] no camera or microphone', error);
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
        void Promise.all([media, deps.relayOnly?.() ?? false]).then(([localStream, hideIp]) => {
          const relayOnly = hideIp || effect.relay === true;
          if (!localStream || isOver(callId)) return;
          if (relayOnly && !effect.iceServers.some(isTurn)) {
            // Without a relay the only way through would reveal the address the person asked to hide.
            console.warn('[ringside] call failed: relay-only and the server offered no TURN relay');
            return dispatch({ type: 'peer-failed' });
          }
          const { relay: _relay, ...peer } = effect;
          connection = openMediaConnection(adapters, { ...peer, serverUrl: deps.serverUrl, localStream, relayOnly }, {
            onInCall: (inCall) => update({ inCall: { ...INITIAL_IN_CALL, ...inCall.devices(), local: inCall.local() } }),
            onInCallChange: (patch) => view.inCall && update({ inCall: { ...view.inCall, ...patch } }),
            onPreview: (preview) => update({ localStream: preview }),
            onRemoteStream: (remoteStream) => update({ remoteStream }),
            onFlowing: (at) => dispatch({ type: 'media-flowing', at }),
            onStalled: () => dispatch({ type: 'media-stalled' }),
            onFailure: (detail) => {
              console.warn(`[ringside] call failed: ${detail}`);
              dispatch({ type: 'peer-failed' });
            },
          });
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
      case 'restart-ice':
        connection?.inCall()?.restartIce();
        return;
      case 'release':
        connection?.close();
        connection = null;
        void media.then(adapters.stopMedia);
        update({ localStream: null, remoteStream: null, inCall: null });
        return;
    }
  }

  /** In-call controls; a refused camera, screen or device leaves the call as it was and says so. */
  const control = (action: (call: InCallHandle) => unknown, failure: ControlFailure) => () => {
    const inCall = connection?.inCall();
    if (!inCall) return;
    update({ inCall: view.inCall && { ...view.inCall, failure: null } });
    void Promise.resolve(action(inCall)).catch((error: unknown) => {
      console.warn('[ringside] control failed', error);
      if (view.inCall) update({ inCall: { ...view.inCall, failure } });
    });
  };

  return {
    dispatch,
    view: () => view,
    toggleMute: control((call) => call.toggleMute(), 'microphone'),
    toggleCamera: control((call) => call.toggleCamera(), 'camera'),
    toggleScreen: control((call) => call.toggleScreen(), 'screen'),
    useMicrophone: (deviceId: string) => control((call) => call.useMicrophone(deviceId), 'microphone')(),
    useCamera: (deviceId: string) => control((call) => call.useCamera(deviceId), 'camera')(),
  };
}

export type CallController = ReturnType<typeof createCallController>;

function isTurn(server: { urls: string | string[] }): boolean {
  return [server.urls].flat().some((url) => /^turns?:/.test(url));
}
