import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { BackgroundToContent } from '@/lib/messages/runtime-messages';
import { X_MATCHES } from '@/lib/protocol/x-origins';

/** Does `act` for every open x.com tab; a tab it fails for (closed meanwhile, still loading) is left be. */
async function eachXTab(act: (tabId: number) => Promise<unknown>): Promise<void> {
  const tabs = await browser.tabs.query({ url: X_MATCHES });
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : act(tab.id).catch(() => null))));
}

/** Tells every open x.com tab's content script; a tab without one (still loading) misses nothing it needs. */
export function tellXTabs(message: BackgroundToContent): Promise<void> {
  return eachXTab((tabId) => browser.tabs.sendMessage(tabId, message));
}

/**
 * Chromium puts an installed or updated extension's content script only into the x.com pages opened after
 * it: a tab already open would have no buttons, or the old copy cut off from the extension (its buttons
 * dead, its rings never shown) until the person reloads it. So the declared script is started in each open
 * tab; a copy already there hands the page over to it (content script `ctx.onInvalidated`), which also
 * keeps a tab at one copy where a browser starts declared scripts in open tabs itself.
 */
export async function startInOpenXTabs(): Promise<void> {
  // The built manifest names the script's file: WXT's path types know only files in public/.
  const files = (browser.runtime.getManifest().content_scripts ?? [])
    .filter((script) => script.matches?.some((match) => X_MATCHES.includes(match)))
    .flatMap((script) => script.js ?? []) as ScriptPublicPath[];
  if (files.length === 0) return;
  await eachXTab((tabId) => browser.scripting.executeScript({ target: { tabId }, files }));
}
