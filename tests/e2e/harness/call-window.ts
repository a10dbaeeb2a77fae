import type { Page } from 'puppeteer';
import { expect } from 'vitest';
import { extensionPage, type Person } from './chromium';

export async function callState(page: Page) {
  return page.$eval('[data-testid="ringside-call"]', (el) => ({
    state: el.getAttribute('data-state'),
    reason: el.getAttribute('data-end-reason'),
    peer: el.getAttribute('data-peer'),
    text: el.querySelector('[role="status"]')?.textContent ?? '',
  }));
}

export async function waitForState(page: Page, state: string, timeout = 15_000) {
  await page.waitForSelector(`[data-testid="ringside-call"][data-state="${state}"]`, { timeout });
}

/** Clicks a call button on an x.com page and returns the call window it opens. */
export async function clickCall(person: Person, tab: Page, handle: string, media: 'audio' | 'video') {
  const button = await tab.waitForSelector(
    `ringside-call-buttons[data-ringside-handle="${handle}"] >>> [data-testid="ringside-call-${media}"]`,
  );
  const clickedAt = Date.now();
  await button!.click();
  return { panel: await extensionPage(person, 'sidepanel.html'), clickedAt };
}

export async function expectEnded(page: Page, reason: string, text: string) {
  await waitForState(page, 'ended');
  expect(await callState(page)).toMatchObject({ reason, text });
}
