import type { Page } from 'puppeteer';
import { openPopup, type Person } from './chromium';
import { SESSION_COOKIE, type XStandIn } from '../../fixtures/x-oauth/stand-in';

/** Logs the browser in to the X stand-in, the way being logged in to x.com would. */
export async function logInToX(person: Person, standIn: XStandIn, userId: string): Promise<void> {
  const value = standIn.logIn(userId);
  const page = await person.browser.newPage();
  await page.setCookie({ name: SESSION_COOKIE, value, url: standIn.origin, httpOnly: true });
  await page.close();
}

/** Clicks "Sign in with X" in the popup; launchWebAuthFlow runs for real against the stand-in. */
export async function signInWithX(person: Person, handle: string): Promise<Page> {
  const popup = await openPopup(person);
  const button = await popup.waitForSelector('[data-testid="ringside-sign-in"]');
  await button!.click();
  await popup.waitForSelector(`[data-testid="ringside-self"][data-handle="${handle}"][data-verified="true"][data-connected="true"]`, {
    timeout: 20_000,
  });
  return popup;
}
