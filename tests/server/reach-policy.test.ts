import { describe, expect, it } from 'vitest';
import { DEFAULT_REACH_SETTINGS, type ReachSettings } from '../../lib/protocol/reach';
import { decideRing, isListed, needsRelay, visibleState } from '../../server/reach/policy';
import type { ReachRecord } from '../../server/reach/store';
import { matrix, type Cell } from './reach-matrix';

const alice = { handle: 'alice', userId: '1' };
const bob = { handle: 'bob', userId: '2' };

function record(settings: Partial<ReachSettings>, lists: Partial<Omit<ReachRecord, 'settings'>> = {}): ReachRecord {
  return { settings: { ...DEFAULT_REACH_SETTINGS, ...settings }, contacts: [], blocked: [], ...lists };
}
const entry = (p: { handle: string; userId: string }) => ({ handle: p.handle, userId: p.userId });

/** Alice rings Bob. "A contact" means each has the other in their contacts; Alice keeps the defaults. */
function records(cell: Cell) {
  const callerRecord = record({}, { contacts: cell.contact ? [entry(bob)] : [] });
  const calleeRecord = record(
    { whoCanCall: cell.who, status: cell.status },
    { contacts: cell.contact ? [entry(alice)] : [], blocked: cell.blocked ? [entry(alice)] : [] },
  );
  return { callerRecord, calleeRecord };
}

describe('the policy matrix (who may call) × (contact) × (blocked) × (status) × (online)', () => {
  it.each(matrix)('$name', (cell) => {
    const { callerRecord, calleeRecord } = records(cell);
    const decision = decideRing({ caller: alice, callerRecord, callee: bob, calleeRecord, calleeOnline: cell.online, overLimit: false });
    if (cell.expect.rings) {
      expect(decision).toEqual({ outcome: 'ring', relay: cell.expect.relay });
    } else {
      const record = cell.expect.request ? 'request' : cell.expect.missed ? 'missed' : 'nothing';
      expect(decision).toEqual({ outcome: 'unavailable', record });
    }
    const actual = cell.online ? 'online' : 'offline';
    expect(visibleState(calleeRecord, alice, actual)).toBe(cell.expect.aliceSeesBob);
    expect(visibleState(callerRecord, bob, 'online')).toBe(cell.expect.bobSeesAlice);
  });
});

describe('policy details', () => {
  it('refuses with rate-limited before anything else, whoever the callee is', () => {
    const open = record({ whoCanCall: 'everyone' });
    expect(decideRing({ caller: alice, callerRecord: open, callee: bob, calleeRecord: open, calleeOnline: true, overLimit: true })).toEqual({ outcome: 'rate-limited' });
  });

  it('relays when either side asks to, even between mutual contacts', () => {
    const mutualA = record({}, { contacts: [entry(bob)] });
    const mutualB = record({}, { contacts: [entry(alice)] });
    expect(needsRelay(alice, mutualA, bob, mutualB)).toBe(false);
    expect(needsRelay(alice, { ...mutualA, settings: { ...mutualA.settings, alwaysRelay: true } }, bob, mutualB)).toBe(true);
    expect(needsRelay(alice, mutualA, bob, { ...mutualB, settings: { ...mutualB.settings, alwaysRelay: true } })).toBe(true);
    // Only one way round is not enough: the one who did not list the other keeps their address.
    expect(needsRelay(alice, mutualA, bob, record({}))).toBe(true);
    expect(needsRelay(alice, record({}), bob, mutualB)).toBe(true);
  });

  it('matches a renamed account by its X user id, and not whoever took its old handle', () => {
    const listed = [{ handle: 'alice', userId: '1' }];
    expect(isListed(listed, { handle: 'alice_renamed', userId: '1' })).toBe(true);
    expect(isListed(listed, { handle: 'alice', userId: '99' })).toBe(false);
    // Typed before its owner ever signed in: the handle is all there is.
    expect(isListed([{ handle: 'carol', userId: null }], { handle: 'carol', userId: '3' })).toBe(true);
    // Development sign-in: nobody has an id.
    expect(isListed([{ handle: 'dave', userId: null }], { handle: 'dave' })).toBe(true);
  });

  it('shows busy, never more, to people allowed while on do not disturb', () => {
    const dnd = record({ whoCanCall: 'everyone', status: 'dnd' });
    expect(visibleState(dnd, alice, 'online')).toBe('busy');
    expect(visibleState(dnd, alice, 'busy')).toBe('busy');
    expect(visibleState(dnd, alice, 'offline')).toBe('offline');
  });
});
