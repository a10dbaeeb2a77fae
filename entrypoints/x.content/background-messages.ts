import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { BackgroundToContent } from '@/lib/messages/runtime-messages';
import { classifySender, extensionSelf } from '@/lib/messages/sender';
import type { Ring } from '@/lib/protocol/ring';

export interface BackgroundMessageHandlers {
  showRing(ring: Ring): void;
  clearRing(callId: string): void;
  /** Connected to the server (again): presence can be asked for. */
  presenceReady(): void;
}

/**
 * The content script's receiving side: only this extension's background (or pages) may tell it anything,
 * and only what BackgroundToContent declares. Returns the function that stops listening.
 */
export function listenToBackground(handlers: BackgroundMessageHandlers): () => void {
  const self = extensionSelf(browser.runtime);
  const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (classifySender(sender, self).kind !== 'extension') return;
    const parsed = v.safeParse(BackgroundToContent, raw);
    if (!parsed.success) return;
    const message = parsed.output;
    switch (message.type) {
      case 'ring.show':
        return handlers.showRing(message.ring);
      case 'ring.clear':
        return handlers.clearRing(message.callId);
      case 'presence.ready':
        return handlers.presenceReady();
    }
  };
  browser.runtime.onMessage.addListener(listener);
  return () => {
    // An orphaned copy's extension API may throw, and it then hears nothing anyway.
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {}
  };
}
