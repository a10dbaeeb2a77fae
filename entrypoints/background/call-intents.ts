import type { CallIntent } from '@/lib/messages/call-port';
import type { Media } from '@/lib/protocol/wire';
import { pendingIntent } from '@/lib/storage/items';
import { clearRing, findRing } from './ring-inbox';

/**
 * What the next call window should do. Offered in the click's turn: an open call window takes it at once,
 * else it is written to session storage for the window that is opening (or for the next worker, should this
 * one stop first), which takes it once in its hello.
 */
export function createCallIntents(windows: { offerIntent(intent: CallIntent): boolean }) {
  /** Every write to storage, in order: a take waits for the writes begun before it. */
  let writes: Promise<unknown> = Promise.resolve();

  function offer(make: () => Promise<CallIntent | null>) {
    writes = writes.catch(() => {}).then(make).then(async (intent) => {
      if (intent && !windows.offerIntent(intent)) await pendingIntent.setValue(intent);
    });
  }

  async function answerFor(callId: string, media: Media | null): Promise<CallIntent | null> {
    const ring = await findRing(callId);
    if (!ring) return null;
    await clearRing(callId, null);
    return { kind: 'answer', ring, media: media ?? ring.media };
  }

  return {
    dial(handle: string, media: Media) {
      offer(async () => ({ kind: 'dial', callId: crypto.randomUUID(), handle, media }));
    },
    /** Accepting a ring that is still waiting; `media` null: as the caller rang (a notification's Accept). */
    answer(callId: string, media: Media | null) {
      offer(() => answerFor(callId, media));
    },
    /** For a call window's hello: the intent waiting for it, taken so no other window gets it too. */
    async take(): Promise<CallIntent | null> {
      await writes.catch(() => {});
      const intent = await pendingIntent.getValue();
      if (intent) await pendingIntent.setValue(null);
      return intent;
    },
    /** Accepted here and waiting for its call window: a repeat of this ring (after a reconnect) is not shown again. */
    async answeredHere(callId: string): Promise<boolean> {
      await writes.catch(() => {});
      const intent = await pendingIntent.getValue();
      return intent?.kind === 'answer' && intent.ring.callId === callId;
    },
  };
}

export type CallIntents = ReturnType<typeof createCallIntents>;
