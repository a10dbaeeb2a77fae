import type { ClientMessage, PresenceState } from '../lib/protocol/wire';
import type { Device, Presence } from './presence';
import { keyedLimit, type KeyedLimit } from './rate-limit';

/** A page lookup every few seconds is plenty: the extension batches handles and caches answers a minute. */
export const PRESENCE_QUERIES_PER_MINUTE = 30;

type Query = Extract<ClientMessage, { type: 'presence.query' }>;

/**
 * Answers "which of these people can I call right now?". Privacy by construction: someone unknown to
 * Ringside and someone offline get the same `offline`, so probing handles reveals nothing about who uses
 * it. Busy means ringing or in a call. (When call policy arrives, people who would refuse the caller
 * must read `offline` too.) Limited per user across all their devices.
 */
export class PresenceQueries {
  private readonly window: KeyedLimit;

  constructor(
    private readonly presence: Presence,
    perMinute = PRESENCE_QUERIES_PER_MINUTE,
  ) {
    this.window = keyedLimit(perMinute, 60_000);
  }

  async answer(from: Device, query: Query): Promise<void> {
    if (!(await this.window.take(from.handle))) {
      from.send({ type: 'presence', id: query.id, states: [], limited: true });
      return;
    }
    const handles = [...new Set(query.handles)];
    from.send({ type: 'presence', id: query.id, states: handles.map((handle) => ({ handle, state: this.stateOf(handle) })) });
  }

  private stateOf(handle: string): PresenceState {
    if (this.presence.devices(handle).length === 0) return 'offline';
    return this.presence.callsOf(handle).length > 0 ? 'busy' : 'online';
  }
}
