import * as v from 'valibot';
import { Handle } from './handle';
import { ServerEndReason } from './end-reason';

/**
 * The one definition of every message on `/ws`, imported by the extension and the server alike.
 * Both ends parse with these schemas; anything else is a protocol violation.
 */
export const PROTOCOL_VERSION = 1;

/** Generous for any message defined here, small enough that nobody can make the server buffer much. */
export const MAX_FRAME_BYTES = 4096;

import { CallId } from './ids';
import { Media } from './media';
import { AvatarUrl, DisplayName, Ring } from './ring';
import { LimitedAction, MAX_WATCHED_HANDLES, REACH_MESSAGES, Reach } from './reach';
import { GUEST_SERVER_MESSAGES, GuestClientMessage, LINK_CLIENT_MESSAGES, LINK_SERVER_MESSAGES } from './call-link';
import { NODE_PEER_PATH_PATTERN } from './endpoints';
export { CallId, Media };
/** Peer ids and tokens are minted by the server: 32 hex characters. */
const Minted = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

const IceServer = v.object({
  urls: v.union([v.string(), v.array(v.string())]),
  username: v.optional(v.string()),
  credential: v.optional(v.string()),
});
export type IceServer = v.InferOutput<typeof IceServer>;
/** The PeerServer path of the node the call's peers meet on (several nodes); absent: the server's own `/peerjs`. */
const PeerPath = v.optional(v.pipe(v.string(), v.regex(NODE_PEER_PATH_PATTERN)));

import { LoginSignature, Nonce, SessionId } from './login-proof';
/**
 * Presence of people on the page the user is reading. Privacy: the server answers `offline` both for people
 * who are offline and for people who do not use Ringside, so nobody can learn who uses it by probing.
 */
export const PresenceState = v.picklist(['online', 'busy', 'offline']);
export type PresenceState = v.InferOutput<typeof PresenceState>;

/** What a call window asks of the server about its call; the background relays these unchanged. */
export const CALL_CONTROL_MESSAGES = [
  v.strictObject({ type: v.literal('ring'), callId: CallId, to: Handle, media: Media }),
  v.strictObject({ type: v.literal('accept'), callId: CallId, media: Media }),
  v.strictObject({ type: v.literal('decline'), callId: CallId }),
  /** `reason` says a window gave up on a dead connection, so the other side is told that, not "hung up". */
  v.strictObject({ type: v.literal('hangup'), callId: CallId, reason: v.optional(v.literal('connection-lost')) }),
] as const;

/**
 * "I have seen my missed calls up to `upTo`" (ms since the epoch, the sender's clock): from a device whose
 * person opened the call log, then from the server to that account's other devices, which clear their count.
 */
const MissedSeen = v.strictObject({ type: v.literal('missed.seen'), upTo: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const ClientMessage = v.variant('type', [
  v.strictObject({
    type: v.literal('hello'),
    v: v.literal(PROTOCOL_VERSION),
    auth: v.variant('kind', [
      v.strictObject({ kind: v.literal('dev'), handle: Handle }),
      // The server, not the client, says who this is: a session names an account and the signature proves this
      // device holds the key the session was bound to at sign-in.
      v.strictObject({ kind: v.literal('session'), sessionId: SessionId, signature: LoginSignature }),
    ]),
  }),
  v.strictObject({ type: v.literal('sign-out'), everywhere: v.boolean() }),
  v.strictObject({ type: v.literal('ping') }),
  ...CALL_CONTROL_MESSAGES,
  /** The handles this device shows (its pages and its contacts), replacing the last set: the server pushes their changes. */
  v.strictObject({ type: v.literal('presence.watch'), handles: v.pipe(v.array(Handle), v.maxLength(MAX_WATCHED_HANDLES)) }),
  ...REACH_MESSAGES,
  ...LINK_CLIENT_MESSAGES,
  MissedSeen,
]);
export type ClientMessage = v.InferOutput<typeof ClientMessage>;

export const ServerMessage = v.variant('type', [
  v.object({
    type: v.literal('welcome'),
    /** `name` and `avatarUrl`: what X showed at this account's last Sign in with X, for the popup. */
    self: v.object({ handle: Handle, verified: v.boolean(), name: v.optional(DisplayName), avatarUrl: v.optional(AvatarUrl) }),
    /** `dev` while the server runs development sign-in: nobody's identity is proven. */
    signIn: v.optional(v.picklist(['dev', 'x'])),
    /** Every call the server knows this person in: a ring or call a device holds that is not here was lost (a restart). */
    calls: v.optional(v.array(CallId)),
    /** Whether this server has a TURN relay: without one, a call that must hide an address is refused before ringing. */
    relay: v.optional(v.boolean()),
  }),
  /** The account's contacts, blocks, requests and settings: after the welcome and after every change, to every device. */
  v.object({ type: v.literal('reach'), ...Reach.entries }),
  /** Watched handles whose state changed (all of them right after a watch); a handle nobody may see reads `offline`. */
  v.object({
    type: v.literal('presence.changed'),
    states: v.pipe(v.array(v.strictObject({ handle: Handle, state: PresenceState })), v.maxLength(MAX_WATCHED_HANDLES)),
  }),
  /** A server limit refused the last request of this kind; the client says so in words. */
  v.object({ type: v.literal('limited'), action: LimitedAction }),
  /**
   * The first message on every socket: a fresh, single-use nonce that a session hello must sign, and how this
   * server signs people in, so a device nobody has signed in on yet can say so before anyone tries.
   */
  v.object({ type: v.literal('challenge'), nonce: Nonce, signIn: v.optional(v.picklist(['dev', 'x'])) }),
  v.object({ type: v.literal('pong') }),
  v.object({ type: v.literal('ringing'), callId: CallId, to: Handle }),
  v.object({ type: v.literal('ring'), ...Ring.entries }),
  /** To the device that accepted: open your peer with this id and token and wait for the call. */
  v.object({
    type: v.literal('answered'),
    callId: CallId,
    peerId: Minted,
    peerToken: Minted,
    iceServers: v.array(IceServer),
    peerPath: PeerPath,
    /** Relay only (iceTransportPolicy `relay`): the people are not mutual contacts, or either asked to hide their address. */
    relay: v.optional(v.boolean()),
  }),
  /** To the caller, once the callee's peer is connected: open yours and call theirs. */
  v.object({
    type: v.literal('accepted'),
    callId: CallId,
    media: Media,
    peerId: Minted,
    peerToken: Minted,
    remotePeerId: Minted,
    iceServers: v.array(IceServer),
    peerPath: PeerPath,
    relay: v.optional(v.boolean()),
  }),
  v.object({ type: v.literal('ended'), callId: CallId, reason: ServerEndReason }),
  /**
   * A call that did not ring because this person is on do-not-disturb or invisible: sent at once to every
   * device of theirs that is online, never shown as a ring, for the call log to keep as a missed call. The
   * caller was told `unavailable`. Nothing is sent (or kept) while every device is offline.
   */
  v.object({ type: v.literal('missed'), callId: CallId, from: Handle, media: Media, at: v.number(), verified: v.boolean() }),
  MissedSeen,
  v.object({ type: v.literal('error'), message: v.string() }),
  ...LINK_SERVER_MESSAGES,
  ...GUEST_SERVER_MESSAGES,
]);
export type ServerMessage = v.InferOutput<typeof ServerMessage>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: string): ParseResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const result = v.safeParse(schema, json);
  if (result.success) return { ok: true, message: result.output };
  return { ok: false, error: v.summarize(result.issues) };
}

export const parseClientMessage = (raw: string) => parseWith(ClientMessage, raw);
export const parseServerMessage = (raw: string) => parseWith(ServerMessage, raw);
export const parseGuestMessage = (raw: string) => parseWith(GuestClientMessage, raw);
