import { browser } from 'wxt/browser';
import { ask } from '@/lib/messages/channel';
import { PageAnswers, type PageToBackground } from '@/lib/messages/runtime-messages';

/**
 * "Sign in to Ringside" from the call window: the popup, where signing in lives (and where it says how this
 * server is set up), opens in the click's turn. A browser that will not open it from here (an older Chrome,
 * a window without a toolbar) gets the same Sign in with X the popup runs; its failure comes back in words.
 */
export async function signInFromCallWindow(): Promise<string | null> {
  const action = (browser as unknown as { action?: { openPopup?: () => Promise<void> } }).action;
  try {
    if (!action?.openPopup) throw new Error('no popup to open');
    await action.openPopup();
    return null;
  } catch {
    const message: PageToBackground = { type: 'auth.sign-in' };
    const result = await ask(PageAnswers, (m: PageToBackground) => browser.runtime.sendMessage(m), message).catch(() => null);
    return result && !result.ok ? result.error : null;
  }
}
