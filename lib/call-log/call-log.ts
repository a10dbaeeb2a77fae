import * as v from 'valibot';
import type { CallState } from '../call/call-state';
import { END_REASONS, type EndReason } from '../protocol/end-reason';
import { GuestInfo } from '../protocol/call-link';
import { Handle } from '../protocol/handle';
import { CallId } from '../protocol/ids';
import { Media } from '../protocol/media';
import { DisplayName } from '../protocol/ring';

/** The device keeps the last calls only: enough to find a call back, never a growing archive. */
export const CALL_LOG_LIMIT = 500;

/** One call as the device remembers it; the same shape in storage and on the call port. */
export const CallRecord = v.object({
  callId: CallId,
  /** The other person; a call link's guest has the placeholder GUEST_HANDLE and `guest` says who. */
  handle: Handle,
  /** Their display name on X, when the server sent one with the ring (Sign in with X). */
  name: v.optional(DisplayName),
  guest: v.optional(GuestInfo),
  direction: v.picklist(['in', 'out']),
  media: Media,
  /** When it started ringing (or was dialled), ms since the epoch. */
  startedAt: v.number(),
  /** Connected time; 0 for a call that never connected. */
  durationMs: v.pipe(v.number(), v.minValue(0)),
  reason: v.picklist(END_REASONS),
});
export type CallRecord = v.InferOutput<typeof CallRecord>;

/** Newest first, and how many missed calls the person has not looked at yet (the toolbar badge). */
export interface CallLog {
  entries: CallRecord[];
  unseenMissed: number;
}

export const EMPTY_LOG: CallLog = { entries: [], unseenMissed: 0 };

/** Rang here and nobody took it: expired, or the caller gave up. Declined or taken on another device is not missed. */
const MISSED_REASONS: readonly EndReason[] = ['no-answer', 'cancelled'];

export function isMissed(record: Pick<CallRecord, 'direction' | 'reason'>): boolean {
  return record.direction === 'in' && MISSED_REASONS.includes(record.reason);
}

/**
 * Adds a call once: the same callId again (a restarted worker, the window and the background both knowing
 * it) changes nothing, so `added` says whether this record is new.
 */
export function appendCall(log: CallLog, record: CallRecord): { log: CallLog; added: boolean } {
  if (log.entries.some((entry) => entry.callId === record.callId)) return { log, added: false };
  const entries = [record, ...log.entries].sort((a, b) => b.startedAt - a.startedAt).slice(0, CALL_LOG_LIMIT);
  const unseenMissed = log.unseenMissed + (isMissed(record) ? 1 : 0);
  return { log: { entries, unseenMissed }, added: true };
}

/** The person looked at their calls (popup or options page): the badge clears. */
export function markSeen(log: CallLog): CallLog {
  return log.unseenMissed === 0 ? log : { ...log, unseenMissed: 0 };
}

/**
 * Another device of the same person showed its calls at `upTo`: the missed calls here from before then were
 * seen there. The unseen ones are the newest missed calls, so what stays unseen is those after `upTo`.
 */
export function markSeenUpTo(log: CallLog, upTo: number): CallLog {
  const after = log.entries.filter((entry) => isMissed(entry) && entry.startedAt > upTo).length;
  const unseenMissed = Math.min(log.unseenMissed, after);
  return unseenMissed === log.unseenMissed ? log : { ...log, unseenMissed };
}

export function removeCall(log: CallLog, callId: string): CallLog {
  return { ...log, entries: log.entries.filter((entry) => entry.callId !== callId) };
}

export function clearCalls(): CallLog {
  return EMPTY_LOG;
}

/** Calls with someone whose handle or display name contains the query, ignoring case and a leading @. */
export function searchCalls(entries: readonly CallRecord[], query: string): CallRecord[] {
  const wanted = query.trim().replace(/^@/, '').toLowerCase();
  if (!wanted) return [...entries];
  return entries.filter((entry) => [entry.guest?.name ?? entry.handle, entry.name ?? ''].some((text) => text.toLowerCase().includes(wanted)));
}

/** Distinct people from the most recent calls, newest first: the dialer's suggestions. */
export function recentPeople(entries: readonly CallRecord[], limit: number): string[] {
  // A guest has no handle to dial.
  return [...new Set(entries.filter((entry) => !entry.guest).map((entry) => entry.handle))].slice(0, limit);
}

/** A call window's call, once ended, as the log keeps it; `guest` when a call link's guest rang. */
export function recordOfEndedCall(call: Extract<CallState, { phase: 'ended' }>, startedAt: number, guest?: GuestInfo): CallRecord {
  return {
    callId: call.callId,
    handle: call.peer,
    ...(guest && { guest }),
    direction: call.role === 'caller' ? 'out' : 'in',
    media: call.media,
    startedAt,
    durationMs: call.connectedAt === null ? 0 : Math.max(0, call.endedAt - call.connectedAt),
    reason: call.reason,
  };
}
