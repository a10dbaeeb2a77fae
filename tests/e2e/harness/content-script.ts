import type { Page } from 'puppeteer';

/**
 * Resolves once the extension's content script has run in the page's top frame, so a test that finds no
 * button knows the script was there to add one. Its isolated world shows up as a CDP execution context.
 */
export async function contentScriptRan(page: Page, extensionId: string, timeout = 10_000): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the content script never ran in this page')), timeout);
      cdp.on('Runtime.executionContextCreated', (event) => {
        if (event.context.origin === `chrome-extension://${extensionId}` || event.context.name === 'Ringside') {
          clearTimeout(timer);
          resolve();
        }
      });
      cdp.send('Runtime.enable').catch(reject);
    });
  } finally {
    await cdp.detach().catch(() => {});
  }
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
