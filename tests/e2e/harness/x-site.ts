import type { Page } from 'puppeteer';
import type { Person } from './chromium';

/**
 * x.com cannot be reached from here: its pages are served through request interception, so the content
 * script injects with its real match patterns. Everything else X's page would load is refused, except the
 * Ringside server on loopback. `html` may be a function of each navigation's address, so one tab can read
 * many pages (it answers undefined for an address that is not x.com's).
 */
export async function openX(
  person: Pick<Person, 'browser'>,
  url: string,
  html: string | ((href: string) => string | undefined),
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const pageAt = typeof html === 'string' ? (href: string) => (href === new URL(url).href ? html : undefined) : html;
  const page = await person.browser.newPage();
  await beforeLoad?.(page);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const target = new URL(request.url());
    // resourceType() is not available over WebDriver BiDi (Firefox); a navigation is the document.
    const body = request.isNavigationRequest() ? pageAt(target.href) : undefined;
    // A request may outlive its tab (closed while X's page still loads): nothing is left to answer then.
    const settled =
      body !== undefined
        ? request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body })
        : target.hostname === '127.0.0.1'
          ? request.continue()
          : request.abort();
    settled.catch(() => {});
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as { ringsideTestBaseline?: string }).ringsideTestBaseline = document.body.innerHTML;
    });
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

/**
 * Whether the page is as X rendered it but for Ringside's own hosts. The baseline is taken at
 * DOMContentLoaded, which always comes before the content script runs (document_idle).
 */
export async function pageUntouched(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const live = document.body.cloneNode(true) as HTMLElement;
    live.querySelectorAll('ringside-call-buttons, ringside-incoming-call').forEach((el) => el.remove());
    return live.innerHTML === (window as { ringsideTestBaseline?: string }).ringsideTestBaseline;
  });
}
