import { storage } from 'wxt/utils/storage';
import type { Ring } from '../protocol/ring';
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

/** "Hide my IP address": calls go through the server's TURN relay only. */
export const hideIp = storage.defineItem<boolean>('local:hideIp', { fallback: false, version: 1 });
/** Presence answers from the server, kept a minute, so a worker restart does not ask again. */
export const presenceCache = storage.defineItem<Record<string, { state: 'online' | 'busy' | 'offline'; at: number }>>('session:presenceCache', {
  fallback: {},
  version: 1,
});
/** The "Ringtone" setting: whether a live ring plays a sound. */
export const ringtoneOn = storage.defineItem<boolean>('local:ringtone', { fallback: true, version: 1 });
/** The call log: on this device only, bounded (lib/call-log). Written by the background alone. */
export const callLog = storage.defineItem<CallLog>('local:callLog', { fallback: EMPTY_LOG, version: 1 });
/**
 * The call links this device made, with their URLs: the server keeps only a hash of each token, so the URL
 * exists here alone. Pruned to the server's live list whenever it sends one.
 */
export const callLinks = storage.defineItem<Array<{ id: string; url: string; expiresAt: number }>>('local:callLinks', { fallback: [], version: 1 });
