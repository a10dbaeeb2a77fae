import type { Person } from './chromium';

/**
 * Waits until the person's extension is signed in and connected to the server, as its popup shows it.
 * The popup asks once when it opens, so it is reopened until the answer is yes.
 */
export async function waitUntilOnline(person: Person, handle: string, timeout = 20_000): Promise<void> {
  const page = await person.browser.newPage();
  const deadline = Date.now() + timeout;
  try {
    for (;;) {
      await page.goto(`chrome-extension://${person.extensionId}/popup.html`);
      const online = await page
        .waitForSelector(`[data-testid="ringside-self"][data-handle="${handle}"][data-connected="true"]`, { timeout: 500 })
        .then(() => true, () => false);
      if (online) return;
      if (Date.now() > deadline) throw new Error(`@${handle} never came online`);
    }
  } finally {
    await page.close();
  }
}
