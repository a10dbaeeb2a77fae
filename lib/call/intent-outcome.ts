import type { Media } from '../protocol/wire';
import type { CallState } from './call-state';

/** A call someone asked for (an X call button, the popup, a toast's Accept), as the call window sees it. */
export type AskedCall = { kind: 'dial'; handle: string; media: Media } | { kind: 'answer'; from: string };

/**
 * What the call window does with a call it is asked for: start it, or say in words why not. A window
 * already in a call keeps it (the person hangs up first); nobody is rung before the person is signed in.
 */
export type IntentOutcome =
  | { kind: 'start' }
  | { kind: 'in-call'; peer: string; wanted: string }
  | { kind: 'sign-in'; handle: string; media: Media };

export function outcomeOf(asked: AskedCall, call: CallState, signedIn: boolean): IntentOutcome {
  const wanted = asked.kind === 'dial' ? asked.handle : asked.from;
  if (call.phase !== 'idle' && call.phase !== 'ended') return { kind: 'in-call', peer: call.peer, wanted };
  if (asked.kind === 'dial' && !signedIn) return { kind: 'sign-in', handle: asked.handle, media: asked.media };
  return { kind: 'start' };
}
