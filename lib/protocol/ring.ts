import * as v from 'valibot';
import { Handle } from './handle';
import { CallId } from './ids';
import { Media } from './media';
import { GuestInfo } from './call-link';

/**
 * An incoming call: the server's `ring` message without its type, and the very shape the extension keeps
 * (session storage) and shows (notification, toast, popup).
 */
export const Ring = v.object({
  callId: CallId,
  from: Handle,
  media: Media,
  expiresAt: v.number(),
  /** False when the caller signed in without proof (development sign-in): the UI says so. */
  verified: v.optional(v.boolean()),
  /** A call link's guest: `from` is then GUEST_HANDLE, and this says who (DESIGN §5 `data-guest`). */
  guest: v.optional(GuestInfo),
});
export type Ring = v.InferOutput<typeof Ring>;
