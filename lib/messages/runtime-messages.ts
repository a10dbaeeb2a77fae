import * as v from 'valibot';
import { Handle } from '../protocol/handle';
import { CallId } from '../protocol/ids';
import { MAX_PRESENCE_HANDLES, Media, PresenceState } from '../protocol/wire';
import { Ring } from '../protocol/ring';

/**
 * Every one-off message between the extension's contexts, declared once. Receivers parse with the schema
 * for the sender they accept (see sender.ts) and drop everything else.
 */
export const ContentToBackground = v.variant('type', [
  v.strictObject({ type: v.literal('page.identity'), handle: v.nullable(Handle) }),
  v.strictObject({ type: v.literal('call.start'), handle: Handle, media: Media }),
  v.strictObject({ type: v.literal('ring.accept'), callId: CallId, media: Media }),
  v.strictObject({ type: v.literal('ring.decline'), callId: CallId }),
  /** A content script starting: answered with a PageStart. */
  v.strictObject({ type: v.literal('page.start') }),
  /** Presence of the people on screen, batched by the content script; answered with a PresenceList. */
  v.strictObject({ type: v.literal('presence.get'), handles: v.pipe(v.array(Handle), v.minLength(1), v.maxLength(MAX_PRESENCE_HANDLES)) }),
]);
export type ContentToBackground = v.InferOutput<typeof ContentToBackground>;

export const PageToBackground = v.variant('type', [
  v.strictObject({ type: v.literal('self.get') }),
  v.strictObject({ type: v.literal('auth.sign-in') }),
  v.strictObject({ type: v.literal('auth.sign-out'), everywhere: v.boolean() }),
]);
export type PageToBackground = v.InferOutput<typeof PageToBackground>;

export const SelfInfo = v.object({
  handle: v.nullable(Handle),
  verified: v.boolean(),
  connected: v.boolean(),
});
export type SelfInfo = v.InferOutput<typeof SelfInfo>;

export const BackgroundToContent = v.variant('type', [
  v.strictObject({ type: v.literal('ring.show'), ring: Ring }),
  v.strictObject({ type: v.literal('ring.clear'), callId: CallId }),
  /** Connected to the server (again): presence a page was told to ask for later can be asked now. */
  v.strictObject({ type: v.literal('presence.ready') }),
]);
export type BackgroundToContent = v.InferOutput<typeof BackgroundToContent>;

/** The rings waiting when a page starts, and whether presence can be asked for yet (connected to the server). */
export const PageStart = v.object({ rings: v.array(Ring), presence: v.boolean() });
export type PageStart = v.InferOutput<typeof PageStart>;

/** How a sign-in ended, in words the popup shows. */
export const SignInResult = v.union([v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), error: v.string() })]);
export type SignInResult = v.InferOutput<typeof SignInResult>;
/** Only people who are online or busy: an absent handle is offline, unknown, or not answered yet. */
export const PresenceList = v.array(v.strictObject({ handle: Handle, state: PresenceState }));
export type PresenceList = v.InferOutput<typeof PresenceList>;
