import { browser } from 'wxt/browser';

/**
 * Opens the call window, unless one is already open: that one takes the call (call-ports.ts offerIntent),
 * and a second would sit idle beside it. Firefox opens its sidebar at install, and a person may keep it open.
 * Must be called in the same turn as the user's click: the browser allows the side panel to open only
 * during a user gesture. Where there is no side panel (or it refuses), a small popup window holds the call.
 */
export function openCallWindow(windowId: number | undefined, alreadyOpen: boolean): void {
  if (alreadyOpen) return;
  const sidePanel = (globalThis as { chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> } } })
    .chrome?.sidePanel;
  if (sidePanel && windowId !== undefined) {
    sidePanel.open({ windowId }).catch(openPopupWindow);
    return;
  }
  openPopupWindow();
}

function openPopupWindow(): void {
  void browser.windows.create({
    url: browser.runtime.getURL('/sidepanel.html'),
    type: 'popup',
    width: 420,
    height: 640,
  });
}
