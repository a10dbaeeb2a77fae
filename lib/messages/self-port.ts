import * as v from 'valibot';
import { Handle } from '../protocol/handle';
import { AvatarUrl, DisplayName } from '../protocol/ring';

/**
 * The popup's line to the background: the background says who is signed in and whether the server is
 * reached, once when the popup connects and again on every change, so the popup never asks in a loop.
 */
export const SELF_PORT_NAME = 'ringside-self';

export const SelfInfo = v.object({
  handle: v.nullable(Handle),
  verified: v.boolean(),
  connected: v.boolean(),
  /** X's display name and picture, when the server knows them (Sign in with X). */
  name: v.optional(DisplayName),
  avatarUrl: v.optional(AvatarUrl),
  /** How the server signs people in, as its last welcome said; null before any welcome. */
  signIn: v.nullable(v.picklist(['dev', 'x'])),
  /** The account x.com shows, which development sign-in would use (null: no x.com page has said). */
  devHandle: v.nullable(Handle),
});
export type SelfInfo = v.InferOutput<typeof SelfInfo>;
