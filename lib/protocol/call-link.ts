import * as v from 'valibot';
import { Handle } from './handle';
import { CallId } from './ids';
import { Media } from './media';

/**
 * Call links: an account mints a one-time link `<server>/c/<token>`; anyone who opens it is a guest who may
 * ring that account once. The owner's messages travel on `/ws`; the guest's on `/c/ws`, its own socket.
 */

/** 24 random bytes in base64url: 192 bits, beyond guessing. The server keeps only its hash. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export const LinkToken = v.pipe(v.string(), v.regex(LINK_TOKEN_PATTERN));
/** How an owner names a link to revoke it: random, unrelated to the token. */
export const LinkId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

/** The path a link's page and its socket live under; relative URLs from the page resolve inside it. */
export const LINK_PATH = '/c';
export const GUEST_SOCKET_PATH = `${LINK_PATH}/ws`;

/** A ring's `from` must be a handle: a guest has none, so its rings carry this one and `guest` says who. */
export const GUEST_HANDLE = 'guest';

export const MAX_GUEST_NAME = 40;
/** A name the guest typed: trimmed, printable, short; the owner reads it beside "guest via your link". */
export const GuestName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(MAX_GUEST_NAME),
  v.regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u),
);

/**
 * On a ring from a guest: the name it gave, and whether anyone proved it. A guest who signed in with X is
 * verified: `name` is then their X name and `handle` their X handle, as X said at sign-in.
 */
export const GuestInfo = v.strictObject({ name: GuestName, verified: v.boolean(), handle: v.optional(Handle) });
export type GuestInfo = v.InferOutput<typeof GuestInfo>;

/** A live link, as its owner's devices list it (the URL itself stays on the device that made it). */
export const LiveLink = v.strictObject({ id: LinkId, expiresAt: v.number() });
export type LiveLink = v.InferOutput<typeof LiveLink>;

/** Owner → server on `/ws`. */
export const LINK_CLIENT_MESSAGES = [
  v.strictObject({ type: v.literal('link.create') }),
  v.strictObject({ type: v.literal('link.revoke'), id: LinkId }),
  v.strictObject({ type: v.literal('link.list') }),
] as const;

/** Server → owner on `/ws`. */
export const LINK_SERVER_MESSAGES = [
  /** Only to the device that asked: the token exists nowhere else, the server keeps its hash. */
  v.object({ type: v.literal('link.created'), id: LinkId, token: LinkToken, expiresAt: v.number() }),
  /** The account's live links, after every create, revoke and list. */
  v.object({ type: v.literal('links'), links: v.pipe(v.array(LiveLink), v.maxLength(1000)) }),
] as const;

/**
 * Why a link admits nobody. A token that never existed reads `expired`, so probing learns nothing.
 * `refused`: the guest signed in with X as someone the owner blocked; it says no more than that.
 */
export const LinkRefusal = v.picklist(['used', 'expired', 'revoked', 'rate-limited', 'refused']);
export type LinkRefusal = v.InferOutput<typeof LinkRefusal>;

/** Guest → server on `/c/ws`: open the link, ring its owner once, hang up. */
export const GuestClientMessage = v.variant('type', [
  v.strictObject({ type: v.literal('guest.open'), token: LinkToken }),
  v.strictObject({ type: v.literal('guest.ring'), callId: CallId, name: GuestName, media: Media }),
  v.strictObject({ type: v.literal('hangup'), callId: CallId, reason: v.optional(v.literal('connection-lost')) }),
  v.strictObject({ type: v.literal('ping') }),
  /**
   * Sign in with X, where the server offers it: `base` is the page's own `<server>/c/` URL (behind a proxy
   * only the page knows it); X sends the guest back to `<base>x/done`, which must be the X app's callback.
   */
  v.strictObject({ type: v.literal('guest.x-begin'), base: v.pipe(v.string(), v.maxLength(300), v.url(), v.regex(/^https?:\/\/[^?#]+\/$/)) }),
]);
export type GuestClientMessage = v.InferOutput<typeof GuestClientMessage>;

/** Server → guest on `/c/ws`, besides the call's own `ringing`, `accepted` and `ended` (wire.ts). */
export const GUEST_SERVER_MESSAGES = [
  v.object({
    type: v.literal('guest.link'),
    owner: Handle,
    expiresAt: v.number(),
    /** The server offers Sign in with X. */
    xSignIn: v.optional(v.boolean()),
    /** Who the guest proved to be with X (this page's sign-in cookie): their name and handle ring. */
    you: v.optional(v.object({ name: v.string(), handle: Handle })),
  }),
  /** Where to send the guest to sign in with X. */
  v.object({ type: v.literal('guest.x-authorize'), url: v.pipe(v.string(), v.url()) }),
  v.object({ type: v.literal('guest.refused'), reason: LinkRefusal }),
] as const;
