import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { FIREFOX_ID } from '../../scripts/manifest';
import { SESSION_COOKIE, startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { launchFirefoxPerson, openFirefoxExtensionPage, type FirefoxPerson } from './harness/firefox';
import { E2E_FIREFOX_EXTENSION_DIR, startE2EServer } from './harness/world';

/**
 * Sign in with X in Firefox ESR: the Firefox build's background calls identity.launchWebAuthFlow for real,
 * against the local stand-in for X, at the redirect URL Firefox derives from the fixed add-on id.
 */
let standIn: XStandIn;
let server: RunningServer;
let alice: FirefoxPerson;
beforeAll(async () => {
  standIn = await startXStandIn();
  [server, alice] = await Promise.all([startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env }), launchFirefoxPerson('alice', E2E_FIREFOX_EXTENSION_DIR)]);
});
afterAll(async () => {
  await alice?.close();
  await server?.close();
  await standIn?.close();
});

/** Firefox's identity.getRedirectURL(): a hash of the add-on id, so the same on every install (bug 1635344 aside). */
const FIREFOX_REDIRECT = `https://${createHash('sha1').update(FIREFOX_ID).digest('hex')}.extensions.allizom.org/`;

it('tells the person in words when they are not logged in to X and close the window Firefox opened for it', async () => {
  const popup = await openFirefoxExtensionPage(alice, 'popup.html');
  await (await popup.waitForSelector('[data-testid="ringside-sign-in"]'))!.click();
  // Not logged in, X shows its log-in page: Firefox opens it in a window of its own, which the person closes.
  const xPage = await alice.browser.waitForTarget((t) => t.url().startsWith(`${standIn.origin}/i/oauth2/authorize`), { timeout: 15_000 });
  await (await xPage.asPage()).close();
  const error = await popup.waitForSelector('[data-testid="ringside-sign-in-error"]', { timeout: 15_000 });
  expect(await error!.evaluate((el) => el.textContent)).toBe('Sign-in was cancelled before X answered.');
  await popup.close();
});

it('signs in through launchWebAuthFlow at Firefox’s redirect URL, shows the verified handle, and signs out', async () => {
  standIn.setUser({ id: '4242', username: 'Alice', name: 'Alice A.' });
  const popup = await openFirefoxExtensionPage(alice, 'popup.html');
  await popup.setCookie({ name: SESSION_COOKIE, value: standIn.logIn('4242'), url: standIn.origin, httpOnly: true });
  const usersMeBefore = standIn.calls.usersMe;

  await (await popup.waitForSelector('[data-testid="ringside-sign-in"]'))!.click();
  await popup.waitForSelector('[data-testid="ringside-self"][data-handle="alice"][data-verified="true"][data-connected="true"]', { timeout: 20_000 });
  expect(standIn.redirectUris.at(-1)).toBe(FIREFOX_REDIRECT);
  expect(standIn.calls.usersMe - usersMeBefore).toBe(1);
  expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.textContent)).toContain('Verified with X');

  await (await popup.waitForSelector('[data-testid="ringside-sign-out"]'))!.click();
  await popup.waitForSelector('[data-testid="ringside-sign-in"]');
  expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.getAttribute('data-verified'))).not.toBe('true');
});
