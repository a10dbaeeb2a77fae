import { describe, expect, it } from 'vitest';
import { classifySender, extensionSelf, type SenderFacts } from '../../lib/messages/sender';

const chrome = extensionSelf({ id: 'abcdefghijklmnop', getURL: (path) => `chrome-extension://abcdefghijklmnop${path}` });
const firefox = extensionSelf({ id: 'ringside@ringside.app', getURL: (path) => `moz-extension://0f9c1a2b-uuid${path}` });

/** The same sender as Chromium reports it (origin and url) and as Firefox does (url only). */
function bothShapes(origin: string, path: string, rest: Omit<SenderFacts, 'origin' | 'url'>) {
  return {
    chromium: { ...rest, origin, url: `${origin}${path}` },
    firefox: { ...rest, url: `${origin}${path}` },
  };
}

describe('who sent a message', () => {
  it.each(['https://x.com', 'https://twitter.com'])('our content script in the top frame of a %s tab, in both browsers', (origin) => {
    const shapes = bothShapes(origin, '/bob', { id: chrome.id, tab: { id: 3, windowId: 9 }, frameId: 0 });
    expect(classifySender(shapes.chromium, chrome)).toEqual({ kind: 'x-content', tabId: 3, windowId: 9 });
    expect(classifySender({ ...shapes.firefox, id: firefox.id }, firefox)).toEqual({ kind: 'x-content', tabId: 3, windowId: 9 });
  });

  it('the background, the popup, the call window in a side panel or in a window of its own', () => {
    expect(classifySender({ id: chrome.id, origin: chrome.origin, url: `${chrome.origin}/background.js` }, chrome)).toEqual({ kind: 'extension' });
    expect(classifySender({ id: chrome.id, origin: chrome.origin, url: `${chrome.origin}/sidepanel.html`, tab: { id: 4 }, frameId: 0 }, chrome)).toEqual({ kind: 'extension' });
    expect(classifySender({ id: firefox.id, url: `${firefox.origin}/popup.html` }, firefox)).toEqual({ kind: 'extension' });
    expect(classifySender({ id: firefox.id, url: `${firefox.origin}/_generated_background_page.html` }, firefox)).toEqual({ kind: 'extension' });
  });

  it('Chromium: the origin decides, not a URL that disagrees with it', () => {
    // An about:blank frame or a document whose URL says one thing while the browser knows its origin.
    expect(classifySender({ id: chrome.id, origin: 'https://evil.example', url: 'https://x.com/bob', tab: { id: 3 }, frameId: 0 }, chrome)).toEqual({ kind: 'unknown' });
    expect(classifySender({ id: chrome.id, origin: 'https://x.com', url: 'about:blank', tab: { id: 3 }, frameId: 0 }, chrome)).toMatchObject({ kind: 'x-content' });
  });

  it.each<[string, SenderFacts]>([
    ['another extension', { id: 'zzzz', origin: 'https://x.com', url: 'https://x.com/bob', tab: { id: 3 }, frameId: 0 }],
    ['another extension’s page', { id: 'zzzz', origin: 'chrome-extension://zzzz', url: 'chrome-extension://zzzz/p.html' }],
    ['a frame inside x.com', { id: chrome.id, origin: 'https://x.com', url: 'https://x.com/embed', tab: { id: 3 }, frameId: 7 }],
    ['x.com outside a tab', { id: chrome.id, origin: 'https://x.com', url: 'https://x.com/bob' }],
    ['a look-alike host', { id: chrome.id, origin: 'https://x.com.evil.example', url: 'https://x.com.evil.example/bob', tab: { id: 3 }, frameId: 0 }],
    ['plain http', { id: chrome.id, origin: 'http://x.com', url: 'http://x.com/bob', tab: { id: 3 }, frameId: 0 }],
    ['an opaque origin', { id: chrome.id, origin: 'null', url: 'https://x.com/bob', tab: { id: 3 }, frameId: 0 }],
    ['no sender facts at all', { id: chrome.id }],
  ])('Chromium, nobody it trusts: %s', (_, sender) => {
    expect(classifySender(sender, chrome)).toEqual({ kind: 'unknown' });
  });

  it.each<[string, SenderFacts]>([
    ['a frame inside x.com', { id: firefox.id, url: 'https://x.com/embed', tab: { id: 3 }, frameId: 2 }],
    ['a look-alike host', { id: firefox.id, url: 'https://x.com.evil.example/', tab: { id: 3 }, frameId: 0 }],
    ['a URL whose path names the extension', { id: firefox.id, url: `https://evil.example/${firefox.origin}/`, tab: { id: 3 }, frameId: 0 }],
    ['about:blank in an x.com tab', { id: firefox.id, url: 'about:blank', tab: { id: 3 }, frameId: 0 }],
    ['a data: document', { id: firefox.id, url: 'data:text/html,x.com', tab: { id: 3 }, frameId: 0 }],
    ['a broken url', { id: firefox.id, url: 'not a url' }],
  ])('Firefox (no origin), nobody it trusts: %s', (_, sender) => {
    expect(classifySender(sender, firefox)).toEqual({ kind: 'unknown' });
  });

  it('nothing at all (a port without a sender)', () => {
    expect(classifySender(undefined, chrome)).toEqual({ kind: 'unknown' });
  });
});
