import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { CallRecord } from '@/lib/call-log/call-log';
import { activeRings, callLog } from '@/lib/storage/items';
import { callBackFromNotification, markCallsSeen, recordCall } from '@/entrypoints/background/call-history';
import { createCallIntents } from '@/entrypoints/background/call-intents';
import { createCallPorts } from '@/entrypoints/background/call-ports';
import { createNotificationButtons } from '@/entrypoints/background/notification-buttons';
import { currentRings } from '@/entrypoints/background/ring-inbox';
import { createRuntimeRouter } from '@/entrypoints/background/runtime-router';
import { createServerMessageHandler } from '@/entrypoints/background/server-messages';
import { resetBrowser, ring, ringMessage, senders } from './fakes';

const CALL_A = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';
const CALL_B = '6f1d0c1e-0a7b-4c3e-9d2a-000000000002';

/** A worker as it starts, with nothing in memory; calling it again is a restart (storage is kept). */
function startWorker() {
  const windows = { holds: () => false, deliver: vi.fn(() => false), offerIntent: () => false, held: () => [] };
  const intents = createCallIntents(windows);
  const onServerMessage = createServerMessageHandler({ windows, intents, presence: { received: vi.fn(async () => {}) }, reach: { received: vi.fn(async () => {}), limited: vi.fn(), welcomed: vi.fn(async () => {}) }, warn: vi.fn() });
  const send = vi.fn(() => true);
  const route = createRuntimeRouter({
    intents,
    send,
    isLinked: () => true,
    signIn: vi.fn(),
    signOut: vi.fn(),
    devSignIn: vi.fn(),
    callsSeen: () => void markCallsSeen(),
    watchPresence: vi.fn(),
    changeReach: vi.fn(),
    createLink: vi.fn(),
    callWindowOpen: () => false,
  });
  return { intents, onServerMessage, route, send };
}

const entries = async () => (await callLog.getValue()).entries;
const notifications = async () => (await browser.notifications.getAll()) as unknown as Record<string, { title: string; message: string }>;
const badge = () => browser.action.getBadgeText({});

describe('the background records rings that end without a call window', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('a ring nobody answered is a missed call: in the log, a notification naming the caller, a badge of 1', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A, { from: 'alice', media: 'video' }));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });

    expect(await entries()).toEqual([expect.objectContaining({ callId: CALL_A, handle: 'alice', direction: 'in', media: 'video', durationMs: 0, reason: 'no-answer' })]);
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual([`missed:video:alice:${CALL_A}`]);
    expect(shown[`missed:video:alice:${CALL_A}`]!.message).toBe('missedCallFrom alice');
    expect(await badge()).toBe('1');
  });

  it('keeps the caller’s display name when the ring had one: in the log, and the notification names them', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A, { from: 'alice', name: 'Alice A.', media: 'audio' }));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });
    expect(await entries()).toEqual([expect.objectContaining({ handle: 'alice', name: 'Alice A.' })]);
    expect(Object.values(await notifications())[0]!.message).toBe('missedCallFromNamed Alice A. alice');
  });

  it('missed calls seen on another device of the person are not counted again here; one missed since still is', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });
    const seenThere = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.onServerMessage(ringMessage(CALL_B, { from: 'carol' }));
    await worker.onServerMessage({ type: 'ended', callId: CALL_B, reason: 'cancelled' });
    expect(await badge()).toBe('2');

    await worker.onServerMessage({ type: 'missed.seen', upTo: seenThere });
    expect(await badge()).toBe('1');
    // Alice's call was seen there, so its notification goes; Carol's, missed since, stays.
    expect(Object.keys(await notifications())).toEqual([`missed:video:carol:${CALL_B}`]);
    await worker.onServerMessage({ type: 'missed.seen', upTo: Date.now() });
    expect(await badge()).toBe('');
    expect(await entries()).toHaveLength(2);
  });

  it('a ring declined from the popup ends as declined, not missed', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    worker.route({ type: 'ring.decline', callId: CALL_A }, senders.popup);
    await vi.waitFor(async () => expect(await entries()).toEqual([expect.objectContaining({ reason: 'declined' })]));
    expect(worker.send).toHaveBeenCalledWith({ type: 'decline', callId: CALL_A });
    expect(await badge()).toBe('');
  });

  it('a call link’s guest nobody answered is logged under their name, marked a guest, and its notification offers no call back', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A, { from: 'guest', media: 'audio', verified: false, guest: { name: 'Ann', verified: false } }));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });

    expect(await entries()).toEqual([expect.objectContaining({ callId: CALL_A, guest: { name: 'Ann', verified: false }, direction: 'in', reason: 'no-answer' })]);
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual([`missed-guest:${CALL_A}`]);
    expect(shown[`missed-guest:${CALL_A}`]!.message).toBe('missedCallFromGuest Ann');
    expect(callBackFromNotification(`missed-guest:${CALL_A}`)).toBeNull();
    expect(await badge()).toBe('1');
    await markCallsSeen();
    expect(await notifications()).toEqual({});
  });

  it('the caller giving up while it rang is missed too', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'cancelled' });
    expect((await callLog.getValue()).unseenMissed).toBe(1);
  });

  it('answered on another device, or declined here, is logged but not missed: no notification, no badge', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'answered-elsewhere' });
    await worker.onServerMessage(ringMessage(CALL_B, { from: 'carol' }));
    worker.route({ type: 'ring.decline', callId: CALL_B }, senders.xTab);
    await vi.waitFor(async () => expect(await entries()).toHaveLength(2));

    expect((await entries()).map((e) => [e.handle, e.reason])).toEqual(
      expect.arrayContaining([['alice', 'answered-elsewhere'], ['carol', 'declined']]),
    );
    expect(await notifications()).toEqual({});
    expect(await badge()).toBe('');
    expect(worker.send).toHaveBeenCalledWith({ type: 'decline', callId: CALL_B });
  });

  it('a ring accepted here is left to its call window to log', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    worker.intents.answer(CALL_A, 'audio');
    await worker.intents.take();
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'remote-hangup' });
    expect(await entries()).toEqual([]);
  });

  it('is recorded once across a worker restart: expired while asleep, then the server says so too', async () => {
    await startWorker().onServerMessage(ringMessage(CALL_A));
    await activeRings.setValue([ring(CALL_A, { expiresAt: Date.now() - 1 })]);
    const restarted = startWorker();
    expect(await currentRings()).toEqual([]);
    await restarted.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });
    const again = startWorker();
    await again.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });

    expect(await entries()).toHaveLength(1);
    // The ring's own notification went when it expired: only the missed call's is left.
    expect(Object.keys(await notifications())).toEqual([expect.stringMatching(/^missed:/)]);
    expect(await badge()).toBe('1');
  });

  it('opening the popup (or the log) clears the badge and the missed-call notifications; the calls stay in the log', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });
    await worker.onServerMessage(ringMessage(CALL_B, { from: 'carol' }));
    await markCallsSeen();
    expect(await badge()).toBe('1');
    // A ring still live keeps its own notification.
    expect(Object.keys(await notifications())).toEqual([`ring:${CALL_B}`]);
    await worker.onServerMessage({ type: 'ended', callId: CALL_B, reason: 'answered-elsewhere' });
    expect(await badge()).toBe('');
    expect(await entries()).toHaveLength(2);

    await worker.route({ type: 'log.seen' }, senders.popup);
    expect((await callLog.getValue()).unseenMissed).toBe(0);
  });

  it('Call back on a missed call’s notification opens a call window in the click’s turn and dials the caller', async () => {
    const worker = startWorker();
    await worker.onServerMessage(ringMessage(CALL_A, { from: 'alice', media: 'audio' }));
    await worker.onServerMessage({ type: 'ended', callId: CALL_A, reason: 'no-answer' });
    const open = vi.spyOn(browser.windows, 'create');
    const intents = { answer: vi.fn(), dial: vi.fn() };
    const click = createNotificationButtons({ intents, send: vi.fn(() => true), callWindowOpen: () => false });
    click(Object.keys(await notifications())[0]!, 0);
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/sidepanel.html') }));
    expect(intents.dial).toHaveBeenCalledWith('alice', 'audio');
  });
});

describe('the call window reports how its call ended', () => {
  beforeEach(() => {
    resetBrowser();
  });

  /** The window's end of the call port, as the background sees it. */
  function windowPort() {
    const listeners: ((raw: unknown) => Promise<void>)[] = [];
    return {
      postMessage: vi.fn(),
      disconnect: vi.fn(),
      onDisconnect: { addListener: vi.fn() },
      onMessage: { addListener: (listener: (raw: unknown) => Promise<void>) => listeners.push(listener) },
      say: (raw: unknown) => Promise.all(listeners.map((listener) => listener(raw))),
    };
  }

  const outgoing: CallRecord = { callId: CALL_A, handle: 'bob', direction: 'out', media: 'video', startedAt: 1_000, durationMs: 62_000, reason: 'hangup' };

  it('logged once, even when a window reconnected to a restarted worker says it again; nothing goes to the server', async () => {
    const send = vi.fn(() => true);
    for (let worker = 0; worker < 2; worker++) {
      const windows = createCallPorts({ takeIntent: async () => null, send, isLinked: () => true, record: recordCall });
      const port = windowPort();
      windows.accept(port as never);
      await port.say({ type: 'ended', record: outgoing });
    }
    expect(await entries()).toEqual([outgoing]);
    expect(send).not.toHaveBeenCalled();
    expect(await badge()).toBe('');
  });

  it('a report that does not fit its schema closes the port and logs nothing', async () => {
    const windows = createCallPorts({ takeIntent: async () => null, send: vi.fn(() => true), isLinked: () => true, record: recordCall });
    const port = windowPort();
    windows.accept(port as never);
    await port.say({ type: 'ended', record: { ...outgoing, direction: 'sideways' } });
    expect(port.disconnect).toHaveBeenCalled();
    expect(await entries()).toEqual([]);
  });
});
