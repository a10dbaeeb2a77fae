import { describe, expect, it } from 'vitest';
import {
  appendCall,
  CALL_LOG_LIMIT,
  clearCalls,
  EMPTY_LOG,
  isMissed,
  markSeen,
  markSeenUpTo,
  recordOfEndedCall,
  recentPeople,
  removeCall,
  searchCalls,
  type CallLog,
  type CallRecord,
} from '@/lib/call-log/call-log';
import { callStatusText } from '@/components/call-status';
import { peerLabel } from '@/components/peer-label';
import { resetBrowser } from './background/fakes';

const id = (n: number) => `6f1d0c1e-0a7b-4c3e-9d2a-${String(n).padStart(12, '0')}`;

function call(n: number, patch: Partial<CallRecord> = {}): CallRecord {
  return { callId: id(n), handle: 'alice', direction: 'in', media: 'audio', startedAt: 1_000 + n, durationMs: 0, reason: 'hangup', ...patch };
}

function logOf(...records: CallRecord[]): CallLog {
  return records.reduce((log, record) => appendCall(log, record).log, EMPTY_LOG);
}

describe('the call log', () => {
  it('keeps calls newest first, whatever order they are recorded in', () => {
    const log = logOf(call(2), call(1), call(3));
    expect(log.entries.map((e) => e.callId)).toEqual([id(3), id(2), id(1)]);
  });

  it('records a call once: the same callId again changes nothing and is not counted missed twice', () => {
    const once = appendCall(EMPTY_LOG, call(1, { reason: 'no-answer' }));
    const twice = appendCall(once.log, call(1, { reason: 'no-answer' }));
    expect(once.added).toBe(true);
    expect(twice.added).toBe(false);
    expect(twice.log.entries).toHaveLength(1);
    expect(twice.log.unseenMissed).toBe(1);
  });

  it(`keeps the last ${CALL_LOG_LIMIT} calls and drops the oldest`, () => {
    let log = EMPTY_LOG;
    for (let n = 1; n <= CALL_LOG_LIMIT + 3; n++) log = appendCall(log, call(n)).log;
    expect(log.entries).toHaveLength(CALL_LOG_LIMIT);
    expect(log.entries.at(-1)!.callId).toBe(id(4));
    expect(log.entries[0]!.callId).toBe(id(CALL_LOG_LIMIT + 3));
  });

  it('a ring nobody answered or the caller gave up on is missed; declined, answered elsewhere and outgoing calls are not', () => {
    expect(isMissed(call(1, { reason: 'no-answer' }))).toBe(true);
    expect(isMissed(call(1, { reason: 'cancelled' }))).toBe(true);
    expect(isMissed(call(1, { reason: 'declined' }))).toBe(false);
    expect(isMissed(call(1, { reason: 'answered-elsewhere' }))).toBe(false);
    expect(isMissed(call(1, { reason: 'remote-hangup', durationMs: 5_000 }))).toBe(false);
    expect(isMissed(call(1, { direction: 'out', reason: 'no-answer' }))).toBe(false);
  });

  it('counts unseen missed calls until the person looks, then starts again from zero', () => {
    const log = logOf(call(1, { reason: 'no-answer' }), call(2, { reason: 'declined' }), call(3, { reason: 'cancelled' }));
    expect(log.unseenMissed).toBe(2);
    const seen = markSeen(log);
    expect(seen.unseenMissed).toBe(0);
    expect(seen.entries).toHaveLength(3);
    expect(appendCall(seen, call(4, { reason: 'no-answer' })).log.unseenMissed).toBe(1);
  });

  it('seen on another device up to a time: the missed calls from before then stop counting, later ones still count', () => {
    const log = logOf(call(1, { reason: 'no-answer' }), call(2, { reason: 'declined' }), call(3, { reason: 'cancelled' }), call(5, { reason: 'no-answer' }));
    expect(log.unseenMissed).toBe(3);
    expect(markSeenUpTo(log, 1_003).unseenMissed).toBe(1);
    expect(markSeenUpTo(log, 1_005).unseenMissed).toBe(0);
    // Seen here already: a device that looked earlier never brings the count back.
    expect(markSeenUpTo(markSeen(log), 1_000).unseenMissed).toBe(0);
  });

  it('finds calls by display name as well as by handle', () => {
    const entries = logOf(call(1, { handle: 'alice', name: 'Alice Liddell' }), call(2, { handle: 'bob' })).entries;
    expect(searchCalls(entries, 'liddell').map((e) => e.handle)).toEqual(['alice']);
  });

  it('clears one entry or all of them', () => {
    const log = logOf(call(1), call(2));
    expect(removeCall(log, id(1)).entries.map((e) => e.callId)).toEqual([id(2)]);
    expect(clearCalls().entries).toEqual([]);
  });

  it('keeps a call link’s guest by the name they gave: found by it, named by it, never offered to dial', () => {
    resetBrowser();
    const guest = { name: 'Ann Smith', verified: false };
    const entries = logOf(call(1, { handle: 'carol' }), call(2, { handle: 'guest', guest })).entries;
    expect(searchCalls(entries, 'ann').map((e) => e.guest)).toEqual([guest]);
    expect(recentPeople(entries, 5)).toEqual(['carol']);
    const ended = { phase: 'ended', callId: id(2), peer: 'guest', media: 'video', role: 'callee', reason: 'remote-hangup', connectedAt: 1_000, endedAt: 4_000 } as const;
    expect(recordOfEndedCall(ended, 500, guest)).toMatchObject({ handle: 'guest', guest, direction: 'in', durationMs: 3_000 });
    expect(callStatusText(ended, peerLabel('guest', guest))).toBe('endRemoteHangup Ann Smith');
    expect(callStatusText(ended)).toBe('endRemoteHangup @guest');
  });

  it('finds calls by part of a handle, with or without @, in any case', () => {
    const entries = logOf(call(1, { handle: 'alice' }), call(2, { handle: 'bob_smith' }), call(3, { handle: 'malice' })).entries;
    expect(searchCalls(entries, '@ALI').map((e) => e.handle)).toEqual(['malice', 'alice']);
    expect(searchCalls(entries, 'smith').map((e) => e.handle)).toEqual(['bob_smith']);
    expect(searchCalls(entries, '  ')).toHaveLength(3);
  });

  it('suggests each person once, most recent first', () => {
    const entries = logOf(call(1, { handle: 'alice' }), call(2, { handle: 'bob' }), call(3, { handle: 'alice' }), call(4, { handle: 'carol' })).entries;
    expect(recentPeople(entries, 2)).toEqual(['carol', 'alice']);
  });

  it('a call window’s ended call: who, which way, how long it was connected, how it ended', () => {
    const base = { phase: 'ended', callId: id(1), peer: 'bob', media: 'video', endedAt: 90_000 } as const;
    expect(recordOfEndedCall({ ...base, role: 'caller', reason: 'hangup', connectedAt: 30_000 }, 25_000)).toEqual({
      callId: id(1), handle: 'bob', direction: 'out', media: 'video', startedAt: 25_000, durationMs: 60_000, reason: 'hangup',
    });
    const neverConnected = recordOfEndedCall({ ...base, role: 'callee', reason: 'connection-lost', connectedAt: null }, 80_000);
    expect(neverConnected).toMatchObject({ direction: 'in', durationMs: 0 });
    expect(isMissed(neverConnected)).toBe(false);
  });
});
