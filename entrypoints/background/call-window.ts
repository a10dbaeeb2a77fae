import { browser } from 'wxt/browser';

/**
 * Opens the call window. Must be called in the same turn as the user's click: the browser allows the side
 * panel to open only during a user gesture. Where there is no side panel (or it refuses), a small popup
 * window holds the call instead.
 */
export function openCallWindow(windowId: number | undefined): void {
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
