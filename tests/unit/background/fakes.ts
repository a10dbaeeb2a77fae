import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ring } from '@/lib/protocol/ring';
import type { ServerMessage } from '@/lib/protocol/wire';

/** A fresh fake browser, where a message key stands for its text (translations are the locales test's business). */
export function resetBrowser() {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, args?: string | string[]) => [key, ...[args ?? []].flat()].join(' '));
}

export const SELF_ORIGIN = 'chrome-extension://test-extension-id';

/** Senders as Chromium describes them (sender.ts reads them). */
export const senders = {
  xTab: { id: 'test-extension-id', origin: 'https://x.com', url: 'https://x.com/bob', tab: { id: 7, windowId: 3 }, frameId: 0 },
  xFrame: { id: 'test-extension-id', origin: 'https://x.com', url: 'https://x.com/embed', tab: { id: 7, windowId: 3 }, frameId: 2 },
  popup: { id: 'test-extension-id', origin: SELF_ORIGIN, url: `${SELF_ORIGIN}/popup.html` },
  background: { id: 'test-extension-id', origin: SELF_ORIGIN, url: `${SELF_ORIGIN}/background.js` },
  otherExtension: { id: 'someone-else', origin: 'chrome-extension://someone-else', url: 'chrome-extension://someone-else/page.html' },
};

export function ring(callId: string, patch: Partial<Ring> = {}): Ring {
  return { callId, from: 'alice', media: 'video', expiresAt: Date.now() + 45_000, verified: true, ...patch };
}

export function ringMessage(callId: string, patch: Partial<Ring> = {}): Extract<ServerMessage, { type: 'ring' }> {
  return { type: 'ring', ...ring(callId, patch) };
}
