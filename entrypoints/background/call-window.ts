import { browser } from 'wxt/browser';
import { callWindowPlace } from '@/lib/platform/capabilities';
import { has, optional } from './capabilities';

const CALL_PAGE = '/sidepanel.html';

/**
 * Opens the call window, unless one is already open: that one takes the call (call-ports.ts offerIntent),
 * and a second would sit idle beside it. Firefox opens its sidebar at install, and a person may keep it open.
 * Must be called in the same turn as the user's click: the browser allows the side panel to open only
 * during a user gesture. Where there is no side panel (or it refuses), a small window holds the call, and
 * where there are no windows either (Safari on iOS, Firefox for Android) a tab of its own, which keeps the
 * call going while the person goes back to x.com.
 */
export function openCallWindow(windowId: number | undefined, alreadyOpen: boolean): void {
  if (alreadyOpen) return;
  switch (callWindowPlace(has, windowId)) {
    case 'side-panel':
      optional.sidePanel!.open({ windowId: windowId! }).catch(openOwnWindow);
      return;
    case 'window':
      return openOwnWindow();
    case 'tab':
      return openTab();
  }
}

function openOwnWindow(): void {
  if (!optional.windows) return openTab();
  void optional.windows.create({ url: browser.runtime.getURL(CALL_PAGE), type: 'popup', width: 420, height: 640 });
}

function openTab(): void {
  void browser.tabs.create({ url: browser.runtime.getURL(CALL_PAGE), active: true });
}
