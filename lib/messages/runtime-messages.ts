import * as v from 'valibot';
import { Handle } from '../protocol/handle';
import { CallId } from '../protocol/ids';
import { Ring } from '../protocol/ring';
import { MAX_WATCHED_HANDLES, REACH_MESSAGES } from '../protocol/reach';
import { Media, PresenceState } from '../protocol/wire';
import type { Answers } from './channel';
import { CreatedLink } from './link-messages';

/**
 * Every one-off message between the extension's contexts, declared once with its answer (channel.ts).
 * Receivers accept each channel only from the sender that may use it (sender.ts) and drop everything else.
 * The long-lived ports are call-port.ts (call window) and self-port.ts (popup); the permission tab answers
 * the call window over a BroadcastChannel, which only pages of the extension's own origin can join
 * (lib/call/permission-result.ts).
 */

/** The rings waiting when a page starts, and whether presence can be asked for yet (connected to the server). */
export const PageStart = v.object({ rings: v.array(Ring), presence: v.boolean() });
export type PageStart = v.InferOutput<typeof PageStart>;

/** Presence of watched handles: each state as the server last pushed it (absent: not known yet). */
export const PresenceList = v.pipe(v.array(v.strictObject({ handle: Handle, state: PresenceState })), v.maxLength(MAX_WATCHED_HANDLES));
export type PresenceList = v.InferOutput<typeof PresenceList>;

/** A change to the account's contacts, blocks, requests or settings, passed on to the server as it is. */
export const ReachChange = v.variant('type', REACH_MESSAGES);
export type ReachChange = v.InferOutput<typeof ReachChange>;

/** How a reach change went: `limited` (too many changes a minute) and `offline` (server not reached) get words. */
export const ReachResult = v.union([v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), reason: v.picklist(['limited', 'offline']) })]);
export type ReachResult = v.InferOutput<typeof ReachResult>;

/** Where a person stands with the account, for the buttons on X (a content script cannot read session storage). */
export const ReachOf = v.object({ contact: v.boolean(), blocked: v.boolean() });
export type ReachOf = v.InferOutput<typeof ReachOf>;

/** Content script → background (runtime.sendMessage), from the top frame of an x.com tab. */
export const ContentToBackground = v.variant('type', [
  v.strictObject({ type: v.literal('page.identity'), handle: v.nullable(Handle) }),
  v.strictObject({ type: v.literal('call.start'), handle: Handle, media: Media }),
  v.strictObject({ type: v.literal('ring.accept'), callId: CallId, media: Media }),
  v.strictObject({ type: v.literal('ring.decline'), callId: CallId }),
  /** A content script starting. */
  v.strictObject({ type: v.literal('page.start') }),
  /** Every handle this tab shows now, replacing the last set (batched by the content script); answered with what is known. */
  v.strictObject({ type: v.literal('presence.watch'), handles: v.pipe(v.array(Handle), v.maxLength(MAX_WATCHED_HANDLES)) }),
  /** From the buttons on X: add, remove, block, unblock. */
  v.strictObject({ type: v.literal('reach.change'), change: ReachChange }),
  v.strictObject({ type: v.literal('reach.of'), handle: Handle }),
  /** "Create a call link for @bob" on X: the background mints it as the popup's New call link does. */
  v.strictObject({ type: v.literal('link.create') }),
]);
export type ContentToBackground = v.InferOutput<typeof ContentToBackground>;

export const ContentAnswers = {
  'page.identity': null,
  'call.start': null,
  'ring.accept': null,
  'ring.decline': null,
  'page.start': PageStart,
  'presence.watch': PresenceList,
  'reach.change': ReachResult,
  /** Null: not signed in, or not told yet. */
  'reach.of': v.nullable(ReachOf),
  'link.create': CreatedLink,
} as const satisfies Answers<ContentToBackground>;

/** How a sign-in ended, in words the popup shows. */
export const SignInResult = v.union([v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), error: v.string() })]);
export type SignInResult = v.InferOutput<typeof SignInResult>;

/** An extension page (the popup, the options page) → background (runtime.sendMessage). */
export const PageToBackground = v.variant('type', [
  v.strictObject({ type: v.literal('auth.sign-in') }),
  v.strictObject({ type: v.literal('auth.sign-out'), everywhere: v.boolean() }),
  /** Development sign-in again, as the account x.com shows, after signing out. */
  v.strictObject({ type: v.literal('auth.dev-sign-in') }),
  /** The popup's live ring: accept (in the click's turn, so the call window opens beside the popup) or decline. */
  v.strictObject({ type: v.literal('ring.accept'), callId: CallId, media: Media, windowId: v.nullable(v.number()) }),
  v.strictObject({ type: v.literal('ring.decline'), callId: CallId }),
  /** Dial or call back from the popup or the log, sent in the click's turn; `windowId`: the page's window, where known. */
  v.strictObject({ type: v.literal('call.dial'), handle: Handle, media: Media, windowId: v.nullable(v.number()) }),
  /** The person is looking at the log: missed calls are seen, the badge clears. */
  v.strictObject({ type: v.literal('log.seen') }),
  v.strictObject({ type: v.literal('log.remove'), callId: CallId }),
  v.strictObject({ type: v.literal('log.clear') }),
  v.strictObject({ type: v.literal('reach.change'), change: ReachChange }),
]);
export type PageToBackground = v.InferOutput<typeof PageToBackground>;

export const PageAnswers = {
  'auth.sign-in': SignInResult,
  'auth.sign-out': SignInResult,
  'auth.dev-sign-in': SignInResult,
  'ring.accept': null,
  'ring.decline': null,
  'call.dial': null,
  'log.seen': null,
  'log.remove': null,
  'log.clear': null,
  'reach.change': ReachResult,
} as const satisfies Answers<PageToBackground>;

/** Background → content script (tabs.sendMessage to every x.com tab); no answers. */
export const BackgroundToContent = v.variant('type', [
  v.strictObject({ type: v.literal('ring.show'), ring: Ring }),
  v.strictObject({ type: v.literal('ring.clear'), callId: CallId }),
  /** Connected to the server (again): presence a page was told to ask for later can be asked now. */
  v.strictObject({ type: v.literal('presence.ready') }),
  /** Watched handles of this tab whose presence changed. */
  v.strictObject({ type: v.literal('presence.changed'), states: PresenceList }),
]);
export type BackgroundToContent = v.InferOutput<typeof BackgroundToContent>;
