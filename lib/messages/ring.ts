import * as v from 'valibot';
import { Handle } from '../protocol/handle';
import { CallId } from '../protocol/ids';
import { Media } from '../protocol/wire';

/** An incoming call as the extension keeps and shows it. */
export const Ring = v.object({
  callId: CallId,
  from: Handle,
  media: Media,
  expiresAt: v.number(),
  /** Whether the server proved who the caller is (Sign in with X); shown when it did not. */
  verified: v.optional(v.boolean()),
});
export type Ring = v.InferOutput<typeof Ring>;
