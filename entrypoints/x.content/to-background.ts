import { browser } from 'wxt/browser';
import type { ContentToBackground } from '@/lib/messages/runtime-messages';

/**
 * What the content script says to the background, and the answer (unchecked: each caller parses its
 * own), or null when there is none. Never throws: in a copy of this script an update has cut off,
 * Chromium's own `browser` namespace (which webextension-polyfill hands through) throws at the call, not
 * in the promise, and on x.com that would be an uncaught error on X's page.
 */
export async function toBackground(message: ContentToBackground): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    return null;
  }
}
