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
  it('asks once the page is quiet, shows who is online, and a recycled row loses the last person’s dot', async () => {
    background.answer = (message) => {
      if (message.type === 'page.start') return { rings: [], presence: true };
      if (message.type === 'presence.get') return message.handles.map((handle) => ({ handle, state: handle === 'bob' ? 'online' : 'offline' }));
      return undefined;
    };
    lifetime = (await openX('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol')]))).lifetime;
    comeNear();
    await settle();
    expect(background.sent.filter((m) => m.type === 'presence.get')).toEqual([]);
    // A timer's clock and the page's may differ by a hair: the first look can find the page not yet quiet.
    await vi.waitFor(() => expect(dots()).toEqual([['bob', 'online'], ['carol', null]]), { timeout: MAX_WAIT_MS + 500, interval: 50 });
    expect(background.sent.filter((m) => m.type === 'presence.get')).toEqual([{ type: 'presence.get', handles: ['bob', 'carol'] }]);
    for (const a of document.querySelectorAll('article')[0]!.querySelectorAll('[data-testid="User-Name"] a')) a.setAttribute('href', a.getAttribute('href')!.replace('/bob', '/erin'));
    await settle();
    // Erin has not been asked about yet: the dot was Bob's, and goes.
    expect(dots()).toEqual([['erin', null], ['carol', null]]);
  });

  it('asks nothing while the background has not said presence is available (signed out)', async () => {
    lifetime = (await openX('https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]))).lifetime;
    comeNear();
    await wait(QUIET_MS + 100);
    await settle();
    expect(background.sent.filter((m) => m.type === 'presence.get')).toEqual([]);
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
