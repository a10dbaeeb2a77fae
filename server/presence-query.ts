import type { ClientMessage, PresenceState } from '../lib/protocol/wire';
import type { Device } from './presence';
import { keyedLimit, type KeyedLimit } from './rate-limit';

/** A page lookup every few seconds is plenty: the extension batches handles and caches answers a minute. */
export const PRESENCE_QUERIES_PER_MINUTE = 30;

type Query = Extract<ClientMessage, { type: 'presence.query' }>;
type Visible = (viewer: Device, handles: readonly string[]) => Promise<Array<{ handle: string; state: PresenceState }>>;

/**
 * Answers "which of these people can I call right now?". Privacy by construction: someone unknown to
 * Ringside and someone offline get the same `offline`, so probing handles reveals nothing about who uses
 * it; neither can people who would not let the asker call them (the same rule as presence watching). Busy
 * means ringing or in a call. Limited per user across all their devices. Superseded by `presence.watch`:
 * it goes once the extension no longer asks.
 */
export class PresenceQueries {
  private readonly window: KeyedLimit;

  constructor(
    private readonly visible: Visible,
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
    from.send({ type: 'presence', id: query.id, states: await this.visible(from, handles) });
  }
}
