import * as v from 'valibot';
import { Handle } from '../protocol/handle';

/**
 * The popup's line to the background: the background says who is signed in and whether the server is
 * reached, once when the popup connects and again on every change, so the popup never asks in a loop.
 */
export const SELF_PORT_NAME = 'ringside-self';

export const SelfInfo = v.object({
  handle: v.nullable(Handle),
  verified: v.boolean(),
  connected: v.boolean(),
});
export type SelfInfo = v.InferOutput<typeof SelfInfo>;
