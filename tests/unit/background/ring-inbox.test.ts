import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { activeRings } from '@/lib/storage/items';
import { createCallIntents } from '@/entrypoints/background/call-intents';
import { clearRing, currentRings } from '@/entrypoints/background/ring-inbox';
import { createServerMessageHandler } from '@/entrypoints/background/server-messages';
import { resetBrowser, ring, ringMessage } from './fakes';

const CALL_A = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';
const CALL_B = '6f1d0c1e-0a7b-4c3e-9d2a-000000000002';

/**
 * A worker as it starts: nothing in memory but what it builds now. Storage (fakeBrowser's) is what a real
 * restart keeps; calling this twice is a worker restart.
 */
function startWorker(windowsHolding: string[] = []) {
  const windows = { holds: (callId: string) => windowsHolding.includes(callId), deliver: vi.fn(() => true), offerIntent: () => false, held: () => windowsHolding };
  const intents = createCallIntents(windows);
  const onServerMessage = createServerMessageHandler({ windows, intents, presence: { received: vi.fn(async () => {}) }, reach: { received: vi.fn(async () => {}), limited: vi.fn(), welcomed: vi.fn(async () => {}) }, warn: vi.fn() });
  return { windows, intents, onServerMessage };
}

/** fakeBrowser keeps each notification's options under its id. */
const notifications = async () => (await browser.notifications.getAll()) as unknown as Record<string, { message: string }>;
const badge = () => browser.action.getBadgeText({});

describe('incoming rings', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('a ring shows once: a notification and the badge; the same callId again changes nothing', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage(ringMessage(CALL_A));
    expect(await currentRings()).toHaveLength(1);
    expect(Object.keys(await notifications())).toEqual([`ring:${CALL_A}`]);
    expect(await badge()).toBe('1');

    await worker.onServerMessage(ringMessage(CALL_B, { from: 'carol' }));
    expect((await currentRings()).map((r) => r.from)).toEqual(['alice', 'carol']);
    expect(await badge()).toBe('2');
  });

  it('says so when the caller is not verified, whatever the server left out', async () => {
    const { verified, ...unproven } = ringMessage(CALL_A);
    await startWorker().onServerMessage(unproven);
    expect((await currentRings())[0]!.verified).toBe(false);
    expect((await notifications())[`ring:${CALL_A}`]!.message).toContain('callerUnverified');
  });

  it('an expired ring is gone, from storage too', async () => {
    await activeRings.setValue([ring(CALL_A, { expiresAt: Date.now() - 1 }), ring(CALL_B)]);
    expect((await currentRings()).map((r) => r.callId)).toEqual([CALL_B]);
    expect((await activeRings.getValue()).map((r) => r.callId)).toEqual([CALL_B]);
  });

  it('survives a worker restart: the new worker has it, and the server repeating it shows nothing twice', async () => {
    await startWorker().onServerMessage(ringMessage(CALL_A));
    const restarted = startWorker();
    expect((await currentRings()).map((r) => r.callId)).toEqual([CALL_A]);
    await restarted.onServerMessage(ringMessage(CALL_A));
    expect(await currentRings()).toHaveLength(1);
    expect(Object.keys(await notifications())).toHaveLength(1);
  });

  it('a ring accepted here is not shown again when the server repeats it, even to a restarted worker', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    worker.intents.answer(CALL_A, 'audio');
    await worker.intents.answeredHere(CALL_A);
    expect(await currentRings()).toEqual([]);

    await startWorker().onServerMessage(ringMessage(CALL_A));
    expect(await currentRings()).toEqual([]);
    expect(await notifications()).toEqual({});
  });

  it('a ring a call window already holds is not shown again', async () => {
    await startWorker([CALL_A]).onServerMessage(ringMessage(CALL_A));
    expect(await currentRings()).toEqual([]);
  });

  it('ends when the server says so: gone from storage, notification and badge, and the call window is told', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'answered-elsewhere' });
    expect(await currentRings()).toEqual([]);
    expect(await notifications()).toEqual({});
    expect(await badge()).toBe('');
    expect(worker.windows.deliver).toHaveBeenCalledWith({ type: 'ended', callId: CALL_A, reason: 'answered-elsewhere' });
  });

  it('after a server restart, a ring or call the welcome no longer lists ends as a lost connection; one it lists stays', async () => {
    // A call window holds an outgoing call (B); a ring (A) waits in the inbox. The server comes back knowing only A.
    const worker = startWorker([CALL_B]);
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'welcome', self: { handle: 'bob', verified: true }, calls: [CALL_A] });
    expect((await currentRings()).map((r) => r.callId)).toEqual([CALL_A]);
    expect(worker.windows.deliver).toHaveBeenCalledWith({ type: 'ended', callId: CALL_B, reason: 'connection-lost' });
    // A crash kept nothing: the ring goes too, in words, not silently.
    await worker.onServerMessage({ type: 'welcome', self: { handle: 'bob', verified: true }, calls: [] });
    expect(await currentRings()).toEqual([]);
    expect(worker.windows.deliver).toHaveBeenCalledWith({ type: 'ended', callId: CALL_A, reason: 'connection-lost' });
  });

  it('clearing a ring nobody has is harmless', async () => {
    await clearRing(CALL_A, null);
    expect(await currentRings()).toEqual([]);
  });
});
