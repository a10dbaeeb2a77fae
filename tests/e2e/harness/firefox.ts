import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { FIREFOX_ID } from '../../../scripts/manifest';

/** Debian's firefox-esr: /usr/bin/firefox-esr is a link to this, the real binary puppeteer must start. */
export const FIREFOX_PATH = process.env.RINGSIDE_FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';

/** Fixed, so the extension's pages have a known address (moz-extension://UUID/…) in every run. */
export const FIREFOX_EXTENSION_UUID = 'a2f1c5e0-7b3d-4c1e-9f4a-52696e677369';

/** Prefs verified on this machine (DESIGN §6): fake media without prompts, loopback ICE, no outside requests. */
const PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'services.settings.server': 'data:,#',
  'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ID]: FIREFOX_EXTENSION_UUID }),
};

export interface FirefoxPerson {
  name: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A plain Firefox ESR over WebDriver BiDi, no extension: anyone's browser, such as a call link's guest. */
export async function launchFirefox(name: string): Promise<FirefoxPerson> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), `ringside-firefox-${name}-`));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir,
    // Lets puppeteer open the extension's own pages (moz-extension://) and run what about:debugging runs.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: PREFS,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  return {
    name,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One simulated person in Firefox ESR over WebDriver BiDi, with the Firefox build installed as a temporary add-on. */
export async function launchFirefoxPerson(name: string, extensionDir: string): Promise<FirefoxPerson> {
  const person = await launchFirefox(name);
  const { browser } = person;
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== FIREFOX_ID) throw new Error(`Firefox installed the extension as ${id}, not ${FIREFOX_ID}`);
  } catch (error) {
    await person.close();
    throw error;
  }
  return person;
}

/** An extension page (popup.html, options.html…) in a tab. Over BiDi its navigation may never report done: the page is asked instead. */
export async function openFirefoxExtensionPage(person: FirefoxPerson, file: string): Promise<Page> {
  const page = await person.browser.newPage();
  void page.goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/${file}`, { timeout: 0 }).catch(() => {});
  // A question asked while the tab swaps documents can fail inside Firefox's BiDi ("right-hand side of 'in'
  // should be an object, got null"): the page is asked again, until the usual 30 s are up.
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete', { polling: 50, timeout: Math.max(1, until - Date.now()) });
      return page;
    } catch (error) {
      if (Date.now() >= until || !/Protocol error/.test(`${String(error)} ${String((error as Error).cause)}`)) throw error;
    }
  }
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: { contexts?: { context: string }[]; result?: { value?: unknown } } }>;
}

/**
 * Runs privileged code in Firefox's own window, as about:debugging does (WebDriver BiDi's chrome scope, allowed
 * by --remote-allow-system-access). puppeteer has no API for it, so its BiDi connection is used directly.
 */
async function inFirefoxChrome(person: FirefoxPerson, expression: string): Promise<unknown> {
  const connection = (person.browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts?.[0]?.context;
  if (!context) throw new Error('Firefox showed no chrome window over BiDi (is --remote-allow-system-access set?)');
  const answer = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  return answer.result.result?.value;
}

/** about:debugging's "Terminate background script": Firefox unloads the event page as when it has been idle. */
export async function terminateBackground(person: FirefoxPerson): Promise<void> {
  await inFirefoxChrome(
    person,
    `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.DebugUtils.terminateBackgroundScript(${JSON.stringify(FIREFOX_ID)})`,
  );
}

/** When the background page now running started (ms since the epoch); waking it if Firefox had unloaded it. */
export function backgroundStartedAt(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(async () => {
    const runtime = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser.runtime;
    return (await runtime.getBackgroundPage())?.performance.timeOrigin ?? 0;
  });
}

/** Whether the ringtone sounds: an audio element in the background page's document, playing and moving on. */
export function firefoxRingtoneSounding(extensionPage: Page): Promise<boolean> {
  return extensionPage.evaluate(async () => {
    const runtime = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser.runtime;
    const audio = (await runtime.getBackgroundPage())?.document.querySelector('audio');
    return !!audio && !audio.paused && audio.currentTime > 0;
  });
}
