import { storage } from 'wxt/utils/storage';
import type { Reach } from '../protocol/reach';
import type { Ring } from '../protocol/ring';
import type { PresenceState } from '../protocol/wire';
import type { CallIntent } from '../messages/call-port';
import { EMPTY_LOG, type CallLog } from '../call-log/call-log';

/** Every storage key the extension uses, declared once. Rings never go to `local`. */

/** Development sign-in: the account x.com shows as logged in, as last reported by a content script. */
export const devIdentity = storage.defineItem<string | null>('local:devIdentity', {
  fallback: null,
  version: 1,
});

/** Incoming rings, so a worker restart neither loses nor repeats them. */
export const activeRings = storage.defineItem<Ring[]>('session:activeRings', {
  fallback: [],
  version: 1,
});

/** What the next call window should do, written in the click's turn and taken by the window once. */
export const pendingIntent = storage.defineItem<CallIntent | null>('session:pendingIntent', {
  fallback: null,
  version: 1,
});

/**
 * The Sign in with X session. In `local` storage so it outlives a browser restart. Content scripts can read
 * `local`, but the id opens nothing without this install's non-extractable device key (in the extension's
 * own IndexedDB, out of their reach), which must sign every socket the session opens.
 */
export const xSession = storage.defineItem<{ sessionId: string; expiresAt: number; handle: string } | null>('local:xSession', {
  fallback: null,
  version: 1,
});

/**
 * The old local "Hide my IP address". The server decides relay now (`alwaysRelay`, on every device): a true
 * left here is sent there once (background/reach.ts) and the item removed.
 */
export const legacyHideIp = storage.defineItem<boolean>('local:hideIp', { fallback: false, version: 1 });
/**
 * The account's reach state as the server last sent it (contacts, blocks, requests, settings). Session storage:
 * the popup and options page read it, content scripts cannot; null when signed out or not yet told.
 */
export const reachState = storage.defineItem<Reach | null>('session:reach', { fallback: null, version: 1 });
/** Whether the server has a TURN relay (its welcome); null until a welcome says. */
export const relayAvailable = storage.defineItem<boolean | null>('session:relayAvailable', { fallback: null, version: 1 });
/** The latest presence of every watched handle, as the server pushed it. */
export const presenceStates = storage.defineItem<Record<string, PresenceState>>('session:presenceStates', { fallback: {}, version: 1 });
/** The handles each x.com tab shows (by tab id), so a restarted worker still watches them. */
export const watchedByTab = storage.defineItem<Record<string, string[]>>('session:watchedByTab', { fallback: {}, version: 1 });
/** The "Ringtone" setting: whether a live ring plays a sound. */
export const ringtoneOn = storage.defineItem<boolean>('local:ringtone', { fallback: true, version: 1 });
/** The call log: on this device only, bounded (lib/call-log). Written by the background alone. */
export const callLog = storage.defineItem<CallLog>('local:callLog', { fallback: EMPTY_LOG, version: 1 });
/**
 * A Sign in with X waiting in a tab (browsers without identity.launchWebAuthFlow): the tab, and what the
 * exchange needs once X redirects it. Session storage, out of content scripts' reach: the worker may stop
 * while the person reads X's page.
 */
export const pendingTabSignIn = storage.defineItem<{ tabId: number; state: string; verifier: string; redirectUri: string } | null>('session:pendingTabSignIn', {
  fallback: null,
  version: 1,
});
/**
 * The call links this device made, with their URLs: the server keeps only a hash of each token, so the URL
 * exists here alone. Pruned to the server's live list whenever it sends one.
 */
export const callLinks = storage.defineItem<Array<{ id: string; url: string; expiresAt: number }>>('local:callLinks', { fallback: [], version: 1 });
/**
 * Who the server welcomed this device as, with X's name and picture when it knows them (Sign in with X), for
 * the popup. Session storage: gone with the browser, replaced by the next welcome.
 */
export const welcomedAs = storage.defineItem<{ handle: string; name?: string; avatarUrl?: string } | null>('session:welcomedAs', { fallback: null, version: 1 });
/**
 * How the server lets people sign in, as its last welcome said: `dev` (anyone picks a handle) or `x` (Sign in
 * with X); null until a welcome says. Kept across restarts so the signed-out popup knows what to offer.
 */
export const serverSignIn = storage.defineItem<'dev' | 'x' | null>('local:serverSignIn', { fallback: null, version: 1 });
/**
 * The person signed out under development sign-in: the account x.com shows is no longer used until they sign
 * in again from the popup (without this, the next x.com page would sign them back in at once).
 */
export const devSignedOut = storage.defineItem<boolean>('local:devSignedOut', { fallback: false, version: 1 });
