// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS, QUIET_MS } from '../../entrypoints/x.content/features/presence-timing';
import { timeline, tweet } from '../fixtures/x/people-pages';
import { background, comeNear, openX, settle } from './x-content-page';

vi.mock('../../entrypoints/x.content/to-background', async () => (await import('./x-content-page')).toBackgroundModule);
vi.mock('../../entrypoints/x.content/core/i18n', async () => (await import('./x-content-page')).i18nModule);
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/** The two features that act on the background's word: presence dots on the hosts, and the incoming-call toast. */
let lifetime: AbortController | undefined;
afterEach(() => {
  lifetime?.abort();
  background.answer = (message) => (message.type === 'page.start' ? { rings: [], presence: false } : undefined);
});

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const dots = () =>
  [...document.querySelectorAll('ringside-call-buttons')].map((h) => [h.getAttribute('data-ringside-handle'), h.shadowRoot!.querySelector('[data-testid="ringside-presence"]')?.getAttribute('data-state') ?? null]);

describe('presence dots', () => {
  it('tells what the page shows once it is quiet, shows who is online, and a recycled row loses the last person’s dot', async () => {
    background.answer = (message) => {
      if (message.type === 'page.start') return { rings: [], presence: true };
      if (message.type === 'presence.watch') return message.handles.map((handle) => ({ handle, state: handle === 'bob' ? 'online' : 'offline' }));
      return undefined;
    };
    lifetime = (await openX('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol')]))).lifetime;
    const watches = () => background.sent.filter((m) => m.type === 'presence.watch');
    comeNear();
    await settle();
    // A timer's clock and the page's may differ by a hair: the first look can find the page not yet quiet.
    await vi.waitFor(() => expect(dots()).toEqual([['bob', 'online'], ['carol', null]]), { timeout: MAX_WAIT_MS + 500, interval: 50 });
    expect(watches().at(-1)).toEqual({ type: 'presence.watch', handles: ['bob', 'carol'] });
    const told = watches().length;
    for (const a of document.querySelectorAll('article')[0]!.querySelectorAll('[data-testid="User-Name"] a')) a.setAttribute('href', a.getAttribute('href')!.replace('/bob', '/erin'));
    await settle();
    // Erin's state is not known yet: the dot was Bob's, and goes; the page then watches Erin instead of Bob.
    expect(dots()).toEqual([['erin', null], ['carol', null]]);
    await vi.waitFor(() => expect(watches().length).toBe(told + 1), { timeout: MAX_WAIT_MS + 500, interval: 50 });
    expect(watches().at(-1)).toEqual({ type: 'presence.watch', handles: ['erin', 'carol'] });
  });

  it('a change the background passes on moves the dot at once, only for handles the page watches', async () => {
    background.answer = (message) => {
      if (message.type === 'page.start') return { rings: [], presence: true };
      if (message.type === 'presence.watch') return [];
      return undefined;
    };
    lifetime = (await openX('https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]))).lifetime;
    comeNear();
    await vi.waitFor(() => expect(background.sent).toContainEqual({ type: 'presence.watch', handles: ['bob'] }), { timeout: MAX_WAIT_MS + 500, interval: 50 });
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const self = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
    const push = (states: { handle: string; state: 'online' | 'busy' | 'offline' }[]) =>
      fakeBrowser.runtime.onMessage.trigger({ type: 'presence.changed', states }, { id: fakeBrowser.runtime.id, url: `${self}/background.js` });
    await push([{ handle: 'bob', state: 'online' }]);
    expect(dots()).toEqual([['bob', 'online']]);
    await push([{ handle: 'bob', state: 'busy' }, { handle: 'zed', state: 'online' }]);
    expect(dots()).toEqual([['bob', 'busy']]);
    await push([{ handle: 'bob', state: 'offline' }]);
    expect(dots()).toEqual([['bob', null]]);
  });

  it('says nothing while the background has not said presence is available (signed out)', async () => {
    lifetime = (await openX('https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]))).lifetime;
    comeNear();
    await wait(QUIET_MS + 100);
    await settle();
    expect(background.sent.filter((m) => m.type === 'presence.watch')).toEqual([]);
  });
});

describe('the incoming-call toast', () => {
  it('shows a ring waiting as the page starts, and takes it away when it expires or the copy hands over', async () => {
    const ring = (callId: string, ms: number) => ({ callId, from: 'dave', media: 'video' as const, expiresAt: Date.now() + ms, verified: true });
    // The rings' lifetimes start when the page asks, so a busy machine's slow page load cannot expire one early.
    const rings = () => [ring('0b6c7a3e-8a8e-4f57-9d0e-3c1a2b4c5d6e', 400), ring('1b6c7a3e-8a8e-4f57-9d0e-3c1a2b4c5d6e', 60_000)];
    background.answer = (message) => (message.type === 'page.start' ? { rings: rings(), presence: false } : undefined);
    lifetime = (await openX('https://x.com/home', timeline('alice', []))).lifetime;
    const toasts = () => [...document.querySelectorAll('ringside-incoming-call')].map((h) => h.shadowRoot!.querySelector('[data-testid="ringside-incoming"]')!.getAttribute('data-handle'));
    expect(toasts()).toEqual(['dave', 'dave']);
    await vi.waitFor(() => expect(toasts()).toEqual(['dave']), { timeout: 2_000, interval: 50 });
    lifetime.abort();
    expect(toasts()).toEqual([]);
  });
});

describe('the incoming-call toast and someone typing', () => {
  it('leaves focus in the box being typed in, and a page script’s click or shortcut answers nothing', async () => {
    const ring = { callId: '2b6c7a3e-8a8e-4f57-9d0e-3c1a2b4c5d6e', from: 'dave', media: 'video' as const, expiresAt: Date.now() + 60_000, verified: true };
    lifetime = (await openX('https://x.com/home', timeline('alice', []))).lifetime;
    const box = document.createElement('div');
    box.contentEditable = 'true';
    document.body.append(box);
    box.focus();
    expect(document.activeElement).toBe(box);
    background.sent.length = 0;

    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const self = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.show', ring }, { id: fakeBrowser.runtime.id, url: `${self}/background.js` });
    const root = document.querySelector('ringside-incoming-call')!.shadowRoot!;
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('incomingVideo daveincomingShortcut');
    expect(document.activeElement).toBe(box);
    expect(root.activeElement).toBeNull();

    root.querySelector<HTMLElement>('[data-testid="ringside-accept-video"]')!.click();
    dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyA', key: 'A', altKey: true, shiftKey: true }));
    expect(document.activeElement).toBe(box);
    expect(background.sent).toEqual([]);
  });
});

describe('the incoming-call toast shows who calls as X shows them', () => {
  it('picture, display name, what the call is and how long it still rings, in X’s theme rather than the system’s', async () => {
    lifetime = (await openX('https://x.com/home', timeline('alice', []))).lifetime;
    // Lights out, as X writes it.
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    const ring = {
      callId: '3b6c7a3e-8a8e-4f57-9d0e-3c1a2b4c5d6e',
      from: 'dave',
      media: 'audio' as const,
      expiresAt: Date.now() + 30_000,
      verified: false,
      name: '<b>Dave</b>',
      avatarUrl: 'https://pbs.twimg.com/profile_images/7/d_normal.jpg',
    };
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const self = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.show', ring }, { id: fakeBrowser.runtime.id, url: `${self}/background.js` });
    const root = document.querySelector('ringside-incoming-call')!.shadowRoot!;
    const toast = root.querySelector<HTMLElement>('[data-testid="ringside-incoming"]')!;
    expect(toast.dataset.theme).toBe('dark');
    expect(toast.dataset.verified).toBe('false');
    // The name is the page's text, shown as text: no markup from a ring.
    expect(root.querySelector('[data-testid="ringside-incoming-name"]')!.textContent).toBe('<b>Dave</b>');
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('img')!.getAttribute('src')).toBe(ring.avatarUrl);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('<b>Dave</b>incomingAudio davecallerUnverifiedincomingShortcut');
    expect(root.querySelector('.meta')!.textContent).toMatch(/^toastAudioCalltoastRingsFor (30|29)$/);
  });
});

describe('the incoming-call toast for a call link’s guest', () => {
  it('names the guest, marks it data-guest and unverified', async () => {
    const ring = {
      callId: '3c7d8b4f-9b9f-4a68-8e1f-4d2b3c5d6e7f',
      from: 'guest',
      media: 'video' as const,
      expiresAt: Date.now() + 60_000,
      verified: false,
      guest: { name: 'Ann', verified: false },
    };
    lifetime = (await openX('https://x.com/home', timeline('alice', []))).lifetime;
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const self = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.show', ring }, { id: fakeBrowser.runtime.id, url: `${self}/background.js` });
    const toast = document.querySelector('ringside-incoming-call')!.shadowRoot!.querySelector<HTMLElement>('[data-testid="ringside-incoming"]')!;
    expect(toast.dataset.guest).toBe('true');
    expect(toast.dataset.verified).toBe('false');
    expect(toast.querySelector('[role="alert"]')!.textContent).toBe('incomingGuestVideo AnnguestUnverifiedincomingShortcut');
  });

  it('names a guest who signed in with X by X’s name and handle, verified, with no warning', async () => {
    const ring = {
      callId: '3c7d8b4f-9b9f-4a68-8e1f-4d2b3c5d6e80',
      from: 'guest',
      media: 'audio' as const,
      expiresAt: Date.now() + 60_000,
      verified: false,
      guest: { name: 'Bea', verified: true, handle: 'bea_x' },
    };
    lifetime = (await openX('https://x.com/home', timeline('alice', []))).lifetime;
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const self = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'ring.show', ring }, { id: fakeBrowser.runtime.id, url: `${self}/background.js` });
    const toast = document.querySelector('ringside-incoming-call')!.shadowRoot!.querySelector<HTMLElement>('[data-testid="ringside-incoming"]')!;
    expect(toast.dataset.guest).toBe('true');
    expect(toast.dataset.verified).toBe('true');
    expect(toast.querySelector('[role="alert"]')!.textContent).toBe('incomingGuestXAudio Bea bea_xincomingShortcut');
  });
});
