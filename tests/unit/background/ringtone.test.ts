import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activeRings, ringtoneOn } from '@/lib/storage/items';
import { startRingtone } from '@/entrypoints/background/ringtone';
import { clearRing } from '@/entrypoints/background/ring-inbox';
import { createCallIntents } from '@/entrypoints/background/call-intents';
import { createServerMessageHandler } from '@/entrypoints/background/server-messages';
import { resetBrowser, ring, ringMessage } from './fakes';

const CALL_A = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';
const CALL_B = '6f1d0c1e-0a7b-4c3e-9d2a-000000000002';

/** What sounds, as the offscreen document does: it outlives the worker and does what it was last told. */
function fakePlayer(playing = false) {
  const player = { playing, set: vi.fn(async (play: boolean) => void (player.playing = play)) };
  return player;
}

/** A worker as it starts, with nothing in memory: storage and the player are what a restart keeps. */
function startWorker(player = fakePlayer()) {
  startRingtone(player);
  const windows = { holds: () => false, deliver: vi.fn(() => true), offerIntent: () => false, held: () => [] };
  const onServerMessage = createServerMessageHandler({ windows, intents: createCallIntents(windows), presence: { received: vi.fn(async () => {}) }, reach: { received: vi.fn(async () => {}), limited: vi.fn(), welcomed: vi.fn(async () => {}) }, warn: vi.fn() });
  return { player, onServerMessage };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the ringtone follows the live rings', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('rings from the first ring until the last one is gone, not when only one of two goes', async () => {
    const worker = startWorker();
    await settled();
    expect(worker.player.playing).toBe(false);
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage(ringMessage(CALL_B, { from: 'carol' }));
    await settled();
    expect(worker.player.playing).toBe(true);
    await clearRing(CALL_A, null);
    await settled();
    expect(worker.player.playing).toBe(true);
    await clearRing(CALL_B, null);
    await settled();
    expect(worker.player.playing).toBe(false);
  });

  it('a restarted worker rings for a ring still live in storage, and silences one whose ring has gone', async () => {
    await activeRings.setValue([ring(CALL_A)]);
    const player = fakePlayer();
    startWorker(player);
    await settled();
    expect(player.playing).toBe(true);

    await activeRings.setValue([ring(CALL_A, { expiresAt: Date.now() - 1 })]);
    const leftPlaying = fakePlayer(true);
    startWorker(leftPlaying);
    await settled();
    expect(leftPlaying.playing).toBe(false);
  });

  it('stops by itself when the ring expires, with no other event', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A, { expiresAt: Date.now() + 60 }));
    await settled();
    expect(worker.player.playing).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(worker.player.playing).toBe(false);
  });

  it('with the setting off a ring makes no sound; turned on during the ring, it rings', async () => {
    await ringtoneOn.setValue(false);
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await settled();
    expect(worker.player.set).not.toHaveBeenCalledWith(true);
    await ringtoneOn.setValue(true);
    await settled();
    expect(worker.player.playing).toBe(true);
  });
});
