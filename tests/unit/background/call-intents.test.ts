import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activeRings, pendingIntent } from '@/lib/storage/items';
import type { CallIntent } from '@/lib/messages/call-port';
import { createCallIntents } from '@/entrypoints/background/call-intents';
import { resetBrowser, ring } from './fakes';

const CALL = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';

describe('call intents', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('a dial with no call window open yet waits in storage for the window that is opening, which takes it once', async () => {
    const intents = createCallIntents({ offerIntent: () => false });
    intents.dial('bob', 'video');
    // Taken right away, in the same turn as the click: the take waits for the write begun before it.
    const taken = await intents.take();
    expect(taken).toMatchObject({ kind: 'dial', handle: 'bob', media: 'video' });
    expect(await intents.take()).toBeNull();
  });

  it('is still there for a restarted worker: the window opening after the restart takes it', async () => {
    const first = createCallIntents({ offerIntent: () => false });
    first.dial('bob', 'audio');
    await first.answeredHere(CALL); // returns once the writes begun before it are done
    const restarted = createCallIntents({ offerIntent: () => false });
    expect(await restarted.take()).toMatchObject({ kind: 'dial', handle: 'bob', media: 'audio' });
    expect(await pendingIntent.getValue()).toBeNull();
  });

  it('an open call window gets it at once, and nothing waits in storage for another', async () => {
    const offered: CallIntent[] = [];
    const intents = createCallIntents({ offerIntent: (intent) => offered.push(intent) > 0 });
    intents.dial('bob', 'audio');
    expect(await intents.take()).toBeNull();
    expect(offered).toEqual([expect.objectContaining({ kind: 'dial', handle: 'bob' })]);
  });

  it('each dial is a new call', async () => {
    const offered: CallIntent[] = [];
    const intents = createCallIntents({ offerIntent: (intent) => offered.push(intent) > 0 });
    intents.dial('bob', 'audio');
    intents.dial('bob', 'audio');
    await intents.take();
    const ids = offered.map((intent) => (intent.kind === 'dial' ? intent.callId : null));
    expect(new Set(ids).size).toBe(2);
  });

  it('accepting takes the ring out of the inbox, with the media chosen, or as the caller rang', async () => {
    await activeRings.setValue([ring(CALL, { media: 'video' })]);
    const intents = createCallIntents({ offerIntent: () => false });
    intents.answer(CALL, 'audio');
    expect(await intents.take()).toEqual({ kind: 'answer', ring: ring(CALL, { media: 'video', expiresAt: expect.any(Number) }), media: 'audio' });
    expect(await activeRings.getValue()).toEqual([]);

    await activeRings.setValue([ring(CALL, { media: 'video' })]);
    intents.answer(CALL, null);
    expect(await intents.take()).toMatchObject({ kind: 'answer', media: 'video' });
  });

  it('accepting a ring that has gone (expired, answered elsewhere) opens no call', async () => {
    const offerIntent = vi.fn(() => true);
    const intents = createCallIntents({ offerIntent });
    intents.answer(CALL, 'audio');
    expect(await intents.take()).toBeNull();
    expect(offerIntent).not.toHaveBeenCalled();
  });

  it('a failed write does not stop the next intent', async () => {
    const intents = createCallIntents({ offerIntent: () => false });
    vi.spyOn(pendingIntent, 'setValue').mockRejectedValueOnce(new Error('quota'));
    intents.dial('bob', 'audio');
    intents.dial('carol', 'audio');
    expect(await intents.take()).toMatchObject({ handle: 'carol' });
  });
});
