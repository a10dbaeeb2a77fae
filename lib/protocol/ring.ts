import * as v from 'valibot';
import { Handle } from './handle';
import { CallId } from './ids';
import { Media } from './media';
import { GuestInfo } from './call-link';

/** X's display names are at most 50 characters; one line of text, shown as text, never as markup. */
export const DisplayName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(50), v.regex(/^[^\p{Cc}]*$/u));

/**
 * Only X's own image host over https: a ring's picture is fetched by everyone it rings, so a free URL would
 * let a caller learn each callee's address (and whether they are online) from their own server's logs.
 */
export const AvatarUrl = v.pipe(v.string(), v.maxLength(300), v.regex(/^https:\/\/pbs\.twimg\.com\/[A-Za-z0-9_\-./]+$/));

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
  /** What X said of the caller at their last Sign in with X: absent under development sign-in. */
  name: v.optional(DisplayName),
  avatarUrl: v.optional(AvatarUrl),
  /** A call link's guest: `from` is then GUEST_HANDLE, and this says who (DESIGN §5 `data-guest`). */
  guest: v.optional(GuestInfo),
});
export type Ring = v.InferOutput<typeof Ring>;
