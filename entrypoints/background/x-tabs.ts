import { browser } from 'wxt/browser';
import type { BackgroundToContent } from '@/lib/messages/runtime-messages';

const X_TABS = ['https://x.com/*', 'https://twitter.com/*'];

/** Tells every open x.com tab's content script; a tab without one (still loading) misses nothing it needs. */
export async function tellXTabs(message: BackgroundToContent): Promise<void> {
  const tabs = await browser.tabs.query({ url: X_TABS });
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null))),
  );
}
