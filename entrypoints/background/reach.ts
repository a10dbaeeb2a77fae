import type { ReachChange, ReachResult } from '@/lib/messages/runtime-messages';
import type { Reach } from '@/lib/protocol/reach';
import type { ClientMessage } from '@/lib/protocol/wire';
import { legacyHideIp, reachState, relayAvailable } from '@/lib/storage/items';

/** How long a change waits for the server's word before the page is told the server is away. */
const ANSWER_TIMEOUT_MS = 5_000;

/**
 * The account's reach state (contacts, blocks, requests, settings) as the server last sent it, kept in
 * session storage for the popup and the options page, and the changes they and the buttons on X ask for.
 * The server answers each change on the same socket, in order, with a fresh `reach` or with `limited`:
 * the oldest change still waiting takes that answer. Only those waiting promises live in memory; a restarted
 * worker has none, and the page that asked then hears `offline` from its own message failing.
 */
export function createReach(deps: { send: (message: ClientMessage) => boolean; isLinked: () => boolean; contactsChanged: () => void }) {
  const waiting: ((result: ReachResult) => void)[] = [];

  function settleOldest(result: ReachResult) {
    waiting.shift()?.(result);
  }

  /** "Hide my IP" was a setting of this browser; it becomes the account's "Always relay" the first time the server is heard. */
  async function migrateHideIp(reach: Reach) {
    if (!(await legacyHideIp.getValue())) return;
    if (!reach.settings.alwaysRelay && !deps.send({ type: 'settings.set', settings: { alwaysRelay: true } })) return;
    await legacyHideIp.removeValue();
  }

  return {
    change(change: ReachChange): Promise<ReachResult> {
      if (!deps.isLinked() || !deps.send(change)) return Promise.resolve({ ok: false, reason: 'offline' });
      return new Promise((resolve) => {
        const done = (result: ReachResult) => {
          clearTimeout(timer);
          const at = waiting.indexOf(done);
          if (at >= 0) waiting.splice(at, 1);
          resolve(result);
        };
        const timer = setTimeout(() => done({ ok: false, reason: 'offline' }), ANSWER_TIMEOUT_MS);
        waiting.push(done);
      });
    },
    /** The server's `reach`: after the welcome, after each change from any device. */
    async received(reach: Reach): Promise<void> {
      const before = await reachState.getValue();
      await reachState.setValue(reach);
      settleOldest({ ok: true });
      if (before?.contacts.join() !== reach.contacts.join()) deps.contactsChanged();
      await migrateHideIp(reach);
    },
    /** The server refused the oldest change: too many a minute. */
    limited(): void {
      settleOldest({ ok: false, reason: 'limited' });
    },
    async welcomed(relay: boolean | undefined): Promise<void> {
      await relayAvailable.setValue(relay ?? null);
    },
    /** Signed out or another account: what was known belongs to someone else. */
    async forget(): Promise<void> {
      while (waiting.length) settleOldest({ ok: false, reason: 'offline' });
      await reachState.setValue(null);
      await relayAvailable.setValue(null);
    },
  };
}

export type ReachKeeper = ReturnType<typeof createReach>;
