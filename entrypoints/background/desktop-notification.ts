import { browser } from 'wxt/browser';

export interface DesktopNotification {
  title: string;
  message: string;
  /** Shown where the browser has notification buttons (Chromium); elsewhere a click on the notification opens the popup's ring. */
  buttons?: string[];
  /** Stays until acted on (a live ring), where the browser allows it. */
  persistent?: boolean;
}

/**
 * Firefox and Safari refuse Chromium's `buttons` and `requireInteraction` (the whole call rejects), so a
 * notification they refuse is shown again without them. A notification that cannot be shown at all (turned
 * off in the system) must not stop the ring: the toast and the popup still show it.
 */
export async function showDesktopNotification(id: string, { title, message, buttons, persistent }: DesktopNotification): Promise<void> {
  const plain = { type: 'basic' as const, iconUrl: browser.runtime.getURL('/icon/128.png'), title, message };
  try {
    const rich = { ...plain, ...(buttons && { buttons: buttons.map((text) => ({ title: text })) }), ...(persistent && { requireInteraction: true }) };
    await browser.notifications.create(id, rich);
  } catch {
    try {
      await browser.notifications.create(id, plain);
    } catch (error) {
      console.warn(`[ringside] notification not shown: ${(error as Error).message}`);
    }
  }
}
