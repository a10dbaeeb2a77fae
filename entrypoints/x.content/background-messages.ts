import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { BackgroundToContent } from '../../lib/messages/runtime-messages';
import { classifySender, extensionSelf } from '../../lib/messages/sender';

/**
 * The content script's receiving side: only this extension's background (or pages) may tell it anything,
 * and only what BackgroundToContent declares. Returns the function that stops listening.
 */
export function listenToBackground(heard: (message: BackgroundToContent) => void): () => void {
  const self = extensionSelf(browser.runtime);
  const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (classifySender(sender, self).kind !== 'extension') return;
    const parsed = v.safeParse(BackgroundToContent, raw);
    if (parsed.success) heard(parsed.output);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => {
    // An orphaned copy's extension API may throw, and it then hears nothing anyway.
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {}
  };
}
