import { browser } from 'wxt/browser';
import type { Tabs } from 'webextension-polyfill';
import { SERVER_URL } from '@/lib/config/server-url';
import type { SignInResult } from '@/lib/messages/runtime-messages';
import { AUTH_DONE_PATH } from '@/lib/protocol/endpoints';
import { pendingTabSignIn } from '@/lib/storage/items';
import { finishSignIn, type StartedSignIn } from './sign-in-exchange';

/** X redirects here, the server's own page: registered with X beside the extensions' redirect URLs. */
export const tabRedirectUri = (): string => new URL(AUTH_DONE_PATH, SERVER_URL).href;

/** The popup that asked, while this worker lives; after a restart the session lands in storage all the same. */
const waiting = new Map<string, (result: SignInResult) => void>();

/**
 * Where there is no identity API (Safari), X's page opens in a tab and the background watches that tab's
 * address (host permission for the server shows it) until X sends it to the server's page; then it closes
 * the tab and exchanges the code. What the exchange needs waits in session storage, not in memory.
 */
export async function authorizeInTab(authorizeUrl: string, started: StartedSignIn): Promise<SignInResult> {
  const tab = await browser.tabs.create({ url: authorizeUrl, active: true });
  if (tab.id === undefined) return finishSignIn(undefined, started);
  await pendingTabSignIn.setValue({ tabId: tab.id, ...started });
  return new Promise((resolve) => waiting.set(started.state, resolve));
}

/** tabs.onUpdated: the sign-in tab reached the server's page (or anywhere else under it). */
export async function tabSignInUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType): Promise<void> {
  if (!change.url?.startsWith(tabRedirectUri())) return;
  const pending = await pendingTabSignIn.getValue();
  if (pending?.tabId !== tabId) return;
  await pendingTabSignIn.setValue(null);
  await browser.tabs.remove(tabId).catch(() => {});
  settle(pending.state, await finishSignIn(change.url, pending));
}

/** tabs.onRemoved: the person closed X's page before it answered. */
export async function tabSignInClosed(tabId: number): Promise<void> {
  const pending = await pendingTabSignIn.getValue();
  if (pending?.tabId !== tabId) return;
  await pendingTabSignIn.setValue(null);
  settle(pending.state, await finishSignIn(undefined, pending));
}

function settle(state: string, result: SignInResult): void {
  waiting.get(state)?.(result);
  waiting.delete(state);
}
