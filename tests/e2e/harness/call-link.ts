import type { Page } from 'puppeteer';

/** "New call link" in Alice's popup: the URL it shows once the server minted it. */
export async function newLink(popup: Page): Promise<string> {
  await popup.bringToFront();
  const before = await popup.$eval('[data-testid="ringside-link-url"]', (el) => (el as HTMLInputElement).value).catch(() => '');
  await (await popup.waitForSelector('[data-testid="ringside-link-create"]:not([disabled])'))!.click();
  await popup.waitForFunction((was) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="ringside-link-url"]');
    return input && input.value !== was;
  }, {}, before);
  return popup.$eval('[data-testid="ringside-link-url"]', (el) => (el as HTMLInputElement).value);
}

/** Opens a link's page and waits for the server's answer: the lobby, or a refusal in words. */
export async function openLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="ringside-guest-join"], [data-testid="ringside-guest-message"]:not(:empty)');
  // "Opening the link…" is a message too: wait for the answer.
  await page.waitForFunction(() => !document.querySelector('[data-testid="ringside-guest-message"]')?.textContent?.endsWith('…'));
}
