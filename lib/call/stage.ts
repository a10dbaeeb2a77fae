import type { CallState } from './call-state';
import type { InCallView } from './in-call-view';

/**
 * What the call window's stage shows: the other person's picture, or the person themselves (avatar and
 * name) when there is no picture to show. `camera-off` is the person too, with the words: only a video call
 * has a camera that someone turned off.
 */
export type Stage = 'picture' | 'person' | 'camera-off' | 'none';

export function stageOf(call: CallState, inCall: InCallView | null): Stage {
  if (call.phase === 'idle' || call.phase === 'ended') return 'none';
  const remote = inCall?.remote ?? null;
  if (remote) {
    if (remote.sharing || !remote.cameraOff) return 'picture';
    return call.media === 'video' ? 'camera-off' : 'person';
  }
  // Until the other side says how it stands, a connected video call shows what arrives.
  const live = call.phase === 'connected' || call.phase === 'reconnecting';
  return live && call.media === 'video' ? 'picture' : 'person';
}

/** The letter that stands for someone without a picture: the handle's first, as X's own placeholders do. */
export function initialOf(handle: string): string {
  return handle.slice(0, 1).toUpperCase();
}
