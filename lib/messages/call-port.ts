import * as v from 'valibot';
import { Handle } from '../protocol/handle';
import { CallId } from '../protocol/ids';
import { CALL_CONTROL_MESSAGES, ServerMessage, Media } from '../protocol/wire';
import { Ring } from '../protocol/ring';
import { CallRecord } from '../call-log/call-log';

/** The long-lived port between the call window and the background, which relays to the server. */
export const CALL_PORT_NAME = 'ringside-call';

export const CallIntent = v.variant('kind', [
  v.object({ kind: v.literal('dial'), callId: CallId, handle: Handle, media: Media }),
  v.object({ kind: v.literal('answer'), ring: Ring, media: Media }),
]);
export type CallIntent = v.InferOutput<typeof CallIntent>;

export const WindowToBackground = v.variant('type', [
  /** `callId` is set when a window that already holds a call reconnects after a worker restart. */
  v.strictObject({ type: v.literal('hello'), callId: v.nullable(CallId) }),
  /** A call this window held has ended: how, for the call log (the background writes it, once per callId). */
  v.strictObject({ type: v.literal('ended'), record: CallRecord }),
  ...CALL_CONTROL_MESSAGES,
]);
export type WindowToBackground = v.InferOutput<typeof WindowToBackground>;

export const BackgroundToWindow = v.variant('type', [
  v.object({ type: v.literal('intent'), intent: v.nullable(CallIntent) }),
  v.object({ type: v.literal('server'), message: ServerMessage }),
  v.object({ type: v.literal('link'), connected: v.boolean() }),
]);
export type BackgroundToWindow = v.InferOutput<typeof BackgroundToWindow>;
