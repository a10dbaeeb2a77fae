import type { Person } from './chromium';

/**
 * Waits until the person's extension is signed in and connected to the server, as its popup shows it.
 * The popup asks once when it opens, so it is reopened until the answer is yes.
 */
export function waitUntilOnline(person: Pick<Person, 'browser' | 'extensionId'>, handle: string, timeout = 20_000): Promise<void> {
  return waitForLink(person, handle, true, timeout);
}

/** Waits until the popup shows the person signed in but no longer connected (the server went away). */
export function waitUntilOffline(person: Pick<Person, 'browser' | 'extensionId'>, handle: string, timeout = 20_000): Promise<void> {
  return waitForLink(person, handle, false, timeout);
}

async function waitForLink(person: Pick<Person, 'browser' | 'extensionId'>, handle: string, connected: boolean, timeout: number) {
  const page = await person.browser.newPage();
  const deadline = Date.now() + timeout;
  try {
    for (;;) {
      await page.goto(`chrome-extension://${person.extensionId}/popup.html`);
      const shown = await page
        .waitForSelector(`[data-testid="ringside-self"][data-handle="${handle}"][data-connected="${connected}"]`, { timeout: 500 })
        .then(() => true, () => false);
      if (shown) return;
      if (Date.now() > deadline) throw new Error(`@${handle} never came ${connected ? 'online' : 'offline'}`);
    }
  } finally {
    await page.close();
  }
}
