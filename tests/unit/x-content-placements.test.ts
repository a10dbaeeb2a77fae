// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://x.com/home", "settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { afterAll, expect, vi } from 'vitest';
import { describePlacements, type Expectation } from '../fixtures/x/placements';
import { comeNear, hosts, openX, settle } from './x-content-page';

vi.mock('../../entrypoints/x.content/to-background', async () => (await import('./x-content-page')).toBackgroundModule);
vi.mock('../../entrypoints/x.content/core/i18n', async () => (await import('./x-content-page')).i18nModule);
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/**
 * The content script's core on every page the end-to-end suite checks in Chromium (tests/fixtures/x/placements.ts),
 * here in happy-dom in a fraction of the time: which hosts, where, for whom, and nothing else touched.
 */
let lifetime: AbortController;
afterAll(() => lifetime?.abort());

async function check(expected: Expectation) {
  const opened = await openX(expected.url, expected.html());
  lifetime = opened.lifetime;
  // Everything comes near, as in the end-to-end suite's tall window.
  comeNear();
  await settle();
  expect(hosts()).toEqual(expected.buttons);
  for (const host of document.querySelectorAll<HTMLElement>('ringside-call-buttons')) {
    const handle = host.dataset.ringsideHandle!;
    const labels = [...host.shadowRoot!.querySelectorAll('button')].map((b) => [b.dataset.testid, b.getAttribute('aria-label')]);
    expect(labels).toEqual(
      host.dataset.ringsidePlace === 'tweet'
        ? [['ringside-call-menu', `callMenu ${handle}`]]
        : [
            ['ringside-call-audio', `callAudio ${handle}`],
            ['ringside-call-video', `callVideo ${handle}`],
            // The profile's row also offers Add to contacts and Block, behind one more button.
            ...(host.dataset.ringsidePlace === 'profile' ? [['ringside-more', `moreActions ${handle}`]] : []),
          ],
    );
    if (expected.theme) expect(host.dataset.theme).toBe(expected.theme);
    expect(host.closest('a'), 'a button inside a link would follow it too').toBeNull();
    if (host.dataset.ringsidePlace === 'profile') expect(host.nextElementSibling?.getAttribute('data-testid')).toBe(expected.before);
  }
  const placed = [...document.querySelectorAll('ringside-call-buttons')];

  // X re-renders: every link rewritten (to the same place) and everything near again. Nothing is added
  // twice, and the hosts in place stay the same elements.
  for (const link of document.querySelectorAll('a[href]')) link.setAttribute('href', link.getAttribute('href')!);
  comeNear();
  await settle();
  expect([...document.querySelectorAll('ringside-call-buttons')]).toEqual(placed);

  for (const host of placed) host.remove();
  expect(document.body.innerHTML, 'nothing but our own hosts may change on the page').toBe(opened.untouched);
}

describePlacements(check);
