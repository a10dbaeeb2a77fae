import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { activeRings, devIdentity, reachState } from '@/lib/storage/items';
import { createPortGate } from '@/entrypoints/background/port-gate';
import { createRuntimeRouter } from '@/entrypoints/background/runtime-router';
import { listenToBackground } from '@/entrypoints/x.content/background-messages';
import { resetBrowser, ring, senders } from './fakes';

const CALL = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';

function router(callWindowOpen = false) {
  const deps = {
    intents: { dial: vi.fn(), answer: vi.fn() },
    send: vi.fn(() => true),
    isLinked: () => true,
    callWindowOpen: () => callWindowOpen,
    signIn: vi.fn(async () => ({ ok: true as const })),
    signOut: vi.fn(async () => {}),
    devSignIn: vi.fn(async () => {}),
    callsSeen: vi.fn(),
    watchPresence: vi.fn(async () => [{ handle: 'bob', state: 'online' as const }]),
    changeReach: vi.fn(async () => ({ ok: true as const })),
    createLink: vi.fn(async () => ({ url: 'http://127.0.0.1:8787/c/abcdefghijklmnopqrstuvwxyz012-_A', expiresAt: 1 })),
  };
  return { deps, route: createRuntimeRouter(deps) };
}

describe('the background hears each channel only from its sender', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('a content script in an x.com tab: its requests, answered as declared', async () => {
    const { deps, route } = router();
    await activeRings.setValue([ring(CALL)]);
    await expect(route({ type: 'page.start' }, senders.xTab)).resolves.toEqual({ rings: [ring(CALL, { expiresAt: expect.any(Number) })], presence: true });
    await expect(route({ type: 'presence.watch', handles: ['bob'] }, senders.xTab)).resolves.toEqual([{ handle: 'bob', state: 'online' }]);
    expect(deps.watchPresence).toHaveBeenCalledWith(7, ['bob']);
    await expect(route({ type: 'reach.of', handle: 'bob' }, senders.xTab)).resolves.toBeNull();
    await reachState.setValue({ contacts: ['bob'], blocked: ['eve'], requests: [], settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false } });
    await expect(route({ type: 'reach.of', handle: 'eve' }, senders.xTab)).resolves.toEqual({ contact: false, blocked: true });
    await expect(route({ type: 'reach.change', change: { type: 'block', handle: 'eve' } }, senders.xTab)).resolves.toEqual({ ok: true });
    expect(route({ type: 'ring.decline', callId: CALL }, senders.xTab)).toBeUndefined();
    expect(deps.send).toHaveBeenCalledWith({ type: 'decline', callId: CALL });
    // "Create a call link for @bob": the URL comes back to the tab that asked, as the popup gets it.
    await expect(route({ type: 'link.create' }, senders.xTab)).resolves.toEqual({ url: expect.stringContaining('/c/'), expiresAt: 1 });
    expect(deps.createLink).toHaveBeenCalledTimes(1);
  });

  it('a call button opens the call window in the click’s turn, in the tab’s window, then records the intent', () => {
    const { deps, route } = router();
    const open = vi.spyOn(browser.windows, 'create');
    route({ type: 'call.start', handle: 'bob', media: 'video' }, senders.xTab);
    // Synchronously: the browser allows the side panel (here the popup window) only during the gesture.
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/sidepanel.html') }));
    expect(deps.intents.dial).toHaveBeenCalledWith('bob', 'video');
  });

  it('accepting a ring while a call window is open (Firefox’s sidebar) hands it the call and opens no idle second window', () => {
    const { deps, route } = router(true);
    const open = vi.spyOn(browser.windows, 'create').mockClear();
    route({ type: 'ring.accept', callId: CALL, media: 'video' }, senders.xTab);
    expect(open).not.toHaveBeenCalled();
    expect(deps.intents.answer).toHaveBeenCalledWith(CALL, 'video');
  });

  it('the page’s identity is remembered for development sign-in', async () => {
    const { route } = router();
    route({ type: 'page.identity', handle: 'carol' }, senders.xTab);
    await vi.waitFor(async () => expect(await devIdentity.getValue()).toBe('carol'));
  });

  it('a content script cannot sign anyone in or out, and nothing else can speak for one', async () => {
    const { deps, route } = router();
    expect(route({ type: 'auth.sign-out', everywhere: true }, senders.xTab)).toBeUndefined();
    expect(route({ type: 'auth.sign-in' }, senders.xTab)).toBeUndefined();
    expect(route({ type: 'call.start', handle: 'bob', media: 'audio' }, senders.xFrame)).toBeUndefined();
    expect(route({ type: 'call.start', handle: 'bob', media: 'audio' }, senders.otherExtension)).toBeUndefined();
    expect(route({ type: 'call.start', handle: 'bob', media: 'audio' }, senders.popup)).toBeUndefined();
    expect(deps.signOut).not.toHaveBeenCalled();
    expect(deps.signIn).not.toHaveBeenCalled();
    expect(deps.intents.dial).not.toHaveBeenCalled();
  });

  it('reach changes come from the popup or the options page as declared; another extension’s are dropped', async () => {
    const { deps, route } = router();
    await expect(route({ type: 'reach.change', change: { type: 'contact.add', handle: 'bob' } }, senders.popup)).resolves.toEqual({ ok: true });
    expect(deps.changeReach).toHaveBeenCalledWith({ type: 'contact.add', handle: 'bob' });
    expect(route({ type: 'reach.change', change: { type: 'contact.add', handle: 'bob' } }, senders.otherExtension)).toBeUndefined();
    expect(route({ type: 'reach.change', change: { type: 'contact.add', handle: 'not a handle!' } }, senders.popup)).toBeUndefined();
    expect(route({ type: 'reach.change', change: { type: 'settings.set', settings: {} } }, senders.popup)).toBeUndefined();
    expect(deps.changeReach).toHaveBeenCalledTimes(1);
  });

  it('the popup signs in and out; another extension cannot', async () => {
    const { deps, route } = router();
    await expect(route({ type: 'auth.sign-out', everywhere: false }, senders.popup)).resolves.toEqual({ ok: true });
    expect(deps.signOut).toHaveBeenCalledWith(false);
    expect(route({ type: 'auth.sign-out', everywhere: true }, senders.otherExtension)).toBeUndefined();
    expect(deps.signOut).toHaveBeenCalledTimes(1);
  });

  it('the popup and the log dial and call back in the click’s turn; a content script cannot use that channel', () => {
    const { deps, route } = router();
    const open = vi.spyOn(browser.windows, 'create');
    open.mockClear();
    expect(route({ type: 'call.dial', handle: 'alice', media: 'audio', windowId: null }, senders.xTab)).toBeUndefined();
    expect(open).not.toHaveBeenCalled();
    expect(deps.intents.dial).not.toHaveBeenCalled();
    route({ type: 'call.dial', handle: 'alice', media: 'audio', windowId: 4 }, senders.popup);
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/sidepanel.html') }));
    expect(deps.intents.dial).toHaveBeenCalledWith('alice', 'audio');
  });

  it('a message that is not declared, or does not fit its schema, gets no answer', () => {
    const { deps, route } = router();
    expect(route({ type: 'self.get' }, senders.popup)).toBeUndefined();
    expect(route({ type: 'call.start', handle: 'not a handle!', media: 'audio' }, senders.xTab)).toBeUndefined();
    expect(route({ type: 'call.start', handle: 'bob', media: 'audio', extra: 1 }, senders.xTab)).toBeUndefined();
    expect(deps.intents.dial).not.toHaveBeenCalled();
  });
});

describe('ports: only this extension’s pages, only under declared names', () => {
  function port(name: string, sender: object | undefined) {
    return { name, sender, disconnect: vi.fn() };
  }

  it('the call window’s port and the popup’s port are accepted from extension pages', () => {
    const call = vi.fn();
    const self = vi.fn();
    const gate = createPortGate({ 'ringside-call': call, 'ringside-self': self });
    const fromWindow = port('ringside-call', senders.popup);
    gate(fromWindow as never);
    expect(call).toHaveBeenCalledWith(fromWindow);
    expect(fromWindow.disconnect).not.toHaveBeenCalled();
  });

  it.each([
    ['a content script', 'ringside-call', senders.xTab],
    ['another extension', 'ringside-call', senders.otherExtension],
    ['an undeclared name', 'toString', senders.popup],
    ['no sender', 'ringside-self', undefined],
  ])('closed at once: %s', (_, name, sender) => {
    const accept = vi.fn();
    const gate = createPortGate({ 'ringside-call': accept, 'ringside-self': accept });
    const rejected = port(name, sender);
    gate(rejected as never);
    expect(rejected.disconnect).toHaveBeenCalled();
    expect(accept).not.toHaveBeenCalled();
  });
});

describe('the content script hears only the extension', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('shows and clears rings the background sends; ignores the same from anyone else', async () => {
    const heard = vi.fn();
    const stop = listenToBackground(heard);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.show', ring: ring(CALL) }, senders.background);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'presence.ready' }, senders.background);
    expect(heard.mock.calls).toEqual([[{ type: 'ring.show', ring: ring(CALL, { expiresAt: expect.any(Number) }) }], [{ type: 'presence.ready' }]]);

    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.clear', callId: CALL }, senders.xTab as never);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.clear', callId: CALL }, senders.otherExtension);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.clear', callId: 'nope' }, senders.background);
    expect(heard).toHaveBeenCalledTimes(2);

    stop();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'presence.ready' }, senders.background);
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
