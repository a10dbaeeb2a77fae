import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
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
