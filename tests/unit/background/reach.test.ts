import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReach } from '@/entrypoints/background/reach';
import { createServerMessageHandler } from '@/entrypoints/background/server-messages';
import { createCallIntents } from '@/entrypoints/background/call-intents';
import type { Reach } from '@/lib/protocol/reach';
import { browser } from 'wxt/browser';
import { callLog, legacyHideIp, reachState, relayAvailable } from '@/lib/storage/items';
import { resetBrowser } from './fakes';

const reach = (patch: Partial<Reach> = {}): Reach => ({
  contacts: [],
  blocked: [],
  requests: [],
  settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false },
  ...patch,
});

function startWorker(linked = true) {
  const send = vi.fn((_message: unknown) => linked);
  const contactsChanged = vi.fn();
  const keeper = createReach({ send, isLinked: () => linked, contactsChanged });
  const windows = { holds: () => false, deliver: vi.fn(() => true), offerIntent: () => false, held: () => [] };
  const onServerMessage = createServerMessageHandler({
    windows,
    intents: createCallIntents(windows),
    presence: { received: vi.fn(async () => {}) },
    reach: keeper,
    warn: vi.fn(),
  });
  return { keeper, send, contactsChanged, onServerMessage };
}

describe('the account’s reach state in the background', () => {
  beforeEach(() => resetBrowser());
  afterEach(() => void vi.useRealTimers());

  it('keeps what the server sends in session storage, and the relay the welcome announces', async () => {
    const { onServerMessage, contactsChanged } = startWorker();
    await onServerMessage({ type: 'welcome', handle: 'bob', relay: false } as never);
    expect(await relayAvailable.getValue()).toBe(false);
    await onServerMessage({ type: 'reach', ...reach({ contacts: ['alice'] }) });
    expect(await reachState.getValue()).toEqual(reach({ contacts: ['alice'] }));
    expect(contactsChanged).toHaveBeenCalledTimes(1);
    await onServerMessage({ type: 'reach', ...reach({ contacts: ['alice'], blocked: ['eve'] }) });
    expect(contactsChanged).toHaveBeenCalledTimes(1);
  });

  it('a change goes to the server and is answered by its next word: a fresh state, or limited', async () => {
    const { keeper, send, onServerMessage } = startWorker();
    const added = keeper.change({ type: 'contact.add', handle: 'alice' });
    const blocked = keeper.change({ type: 'block', handle: 'eve' });
    expect(send.mock.calls.map(([m]) => m)).toEqual([{ type: 'contact.add', handle: 'alice' }, { type: 'block', handle: 'eve' }]);
    await onServerMessage({ type: 'reach', ...reach({ contacts: ['alice'] }) });
    await onServerMessage({ type: 'limited', action: 'reach' });
    await expect(added).resolves.toEqual({ ok: true });
    await expect(blocked).resolves.toEqual({ ok: false, reason: 'limited' });
  });

  it('without the server a change is refused at once, and one never answered gives up', async () => {
    await expect(startWorker(false).keeper.change({ type: 'unblock', handle: 'eve' })).resolves.toEqual({ ok: false, reason: 'offline' });
    vi.useFakeTimers();
    const pending = startWorker().keeper.change({ type: 'unblock', handle: 'eve' });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toEqual({ ok: false, reason: 'offline' });
  });

  it('the old local “Hide my IP” becomes the account’s Always relay once, then is gone', async () => {
    await legacyHideIp.setValue(true);
    const { onServerMessage, send } = startWorker();
    await onServerMessage({ type: 'reach', ...reach() });
    expect(send).toHaveBeenCalledWith({ type: 'settings.set', settings: { alwaysRelay: true } });
    expect(await legacyHideIp.getValue()).toBe(false);
    send.mockClear();
    await onServerMessage({ type: 'reach', ...reach() });
    expect(send).not.toHaveBeenCalled();
  });

  it('a call that did not ring under do not disturb is logged as missed, with no notification', async () => {
    const { onServerMessage } = startWorker();
    const callId = '6f1d0c1e-0a7b-4c3e-9d2a-000000000009';
    await onServerMessage({ type: 'missed', callId, from: 'alice', media: 'audio', at: 1_000, verified: false });
    expect((await callLog.getValue()).entries).toEqual([{ callId, handle: 'alice', direction: 'in', media: 'audio', startedAt: 1_000, durationMs: 0, reason: 'no-answer' }]);
    expect(await browser.notifications.getAll()).toEqual({});
  });

  it('signing out forgets the account’s state', async () => {
    const { keeper, onServerMessage } = startWorker();
    await onServerMessage({ type: 'reach', ...reach({ contacts: ['alice'] }) });
    await keeper.forget();
    expect(await reachState.getValue()).toBeNull();
  });
});
