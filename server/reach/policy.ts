import type { PresenceState } from '../../lib/protocol/wire';
import type { Listed, Person, ReachRecord } from './store';

/**
 * Who may ring whom, who sees whose presence, and which calls are relayed: pure, so every cell of the policy
 * matrix is a unit test. The server reads the records and the limits, then asks here.
 */

/** On the list: by X account when both sides have one (a rename keeps the entry), else by handle. */
export function isListed(listed: readonly Listed[], person: Person): boolean {
  return listed.some((entry) => (entry.userId !== null && person.userId !== undefined ? entry.userId === person.userId : entry.handle === person.handle));
}

/** Whether the owner's settings let this person call them at all (status aside). */
export function mayCall(owner: ReachRecord, person: Person): boolean {
  if (isListed(owner.blocked, person)) return false;
  switch (owner.settings.whoCanCall) {
    case 'everyone':
      return true;
    case 'contacts':
      return isListed(owner.contacts, person);
    case 'nobody':
      return false;
  }
}

/**
 * The owner's state as this viewer may see it: only people allowed to call the owner see anything; do not
 * disturb reads busy; invisible, refused and blocked viewers read offline, as for someone who never used Ringside.
 */
export function visibleState(owner: ReachRecord, viewer: Person, actual: PresenceState): PresenceState {
  if (actual === 'offline' || owner.settings.status === 'invisible' || !mayCall(owner, viewer)) return 'offline';
  return owner.settings.status === 'dnd' ? 'busy' : actual;
}

/**
 * Relayed unless each has the other in their contacts; either side's "always relay" relays it. A person's
 * address is only ever offered to someone they listed as a contact and who listed them.
 */
export function needsRelay(caller: Person, callerRecord: ReachRecord, callee: Person, calleeRecord: ReachRecord): boolean {
  if (callerRecord.settings.alwaysRelay || calleeRecord.settings.alwaysRelay) return true;
  return !(isListed(callerRecord.contacts, callee) && isListed(calleeRecord.contacts, caller));
}

export interface RingFacts {
  caller: Person;
  callerRecord: ReachRecord;
  callee: Person;
  calleeRecord: ReachRecord;
  /** At least one device of the callee is connected. */
  calleeOnline: boolean;
  /** The caller is over a ring limit. */
  overLimit: boolean;
}

/**
 * `request`: a silent call request for the callee (a stranger asking to be let in, under contacts-only);
 * `missed`: a missed call on the callee's online devices (do not disturb, invisible).
 */
export type RingDecision =
  | { outcome: 'rate-limited' }
  | { outcome: 'unavailable'; record: 'request' | 'missed' | 'nothing' }
  | { outcome: 'ring'; relay: boolean };

/**
 * What a ring does. Every refusal reads `unavailable` to the caller, exactly as for someone offline, so a
 * caller learns nothing about a person who did not allow them. Under `nobody` no request is kept: adding
 * the caller to contacts would not let them call anyway.
 */
export function decideRing(facts: RingFacts): RingDecision {
  const { caller, calleeRecord } = facts;
  if (facts.overLimit) return { outcome: 'rate-limited' };
  if (!mayCall(calleeRecord, caller)) {
    const stranger = !isListed(calleeRecord.blocked, caller) && !isListed(calleeRecord.contacts, caller);
    return { outcome: 'unavailable', record: stranger && calleeRecord.settings.whoCanCall === 'contacts' ? 'request' : 'nothing' };
  }
  if (!facts.calleeOnline) return { outcome: 'unavailable', record: 'nothing' };
  if (calleeRecord.settings.status !== 'available') return { outcome: 'unavailable', record: 'missed' };
  return { outcome: 'ring', relay: needsRelay(caller, facts.callerRecord, facts.callee, calleeRecord) };
}
