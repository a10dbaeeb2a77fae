import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { FIREFOX_PATH } from '../tests/e2e/harness/firefox';
import type { GeckoProfile } from './gecko-profile';

/**
 * Firefox ESR with the Gecko profiler started from the environment (MOZ_PROFILER_STARTUP), the only way to
 * profile it here: WebDriver BiDi has no tracing and no profiler commands. It samples every main thread
 * with JavaScript stacks and each sample's thread CPU time, and writes the whole profile when the browser
 * quits (MOZ_PROFILER_SHUTDOWN).
 */
const SAMPLE_INTERVAL_MS = 0.5;
/** Ring buffer entries (8 bytes each) per process: one contender's rounds of one shape fit with room to spare. */
const ENTRIES = 32 * 1024 * 1024;
/** Writing a profile of a few minutes takes seconds on this loaded machine. */
const QUIT_TIMEOUT_MS = 120_000;

/** The same prefs the end-to-end tests use for a quiet browser (DESIGN §6), and a fixed UUID for the extension. */
const prefs = (geckoId: string, uuid: string) => ({
  'services.settings.server': 'data:,#',
  'media.peerconnection.ice.loopback': true,
  'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
});

export interface ProfiledFirefox {
  browser: Browser;
  /** moz-extension://UUID/ of the installed extension, or null without one. */
  extensionOrigin: string | null;
  /** Quits Firefox and reads the profile it wrote. */
  quit(): Promise<GeckoProfile>;
}

export async function launchProfiledFirefox(extension: { dir: string; geckoId: string; uuid: string } | null): Promise<ProfiledFirefox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ringside-bench-firefox-'));
  const profileFile = path.join(dir, 'gecko-profile.json');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: path.join(dir, 'user'),
    extraPrefsFirefox: extension ? prefs(extension.geckoId, extension.uuid) : prefs('none@ringside.invalid', '00000000-0000-4000-8000-000000000000'),
    env: {
      ...process.env,
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      MOZ_PROFILER_STARTUP: '1',
      MOZ_PROFILER_SHUTDOWN: profileFile,
      MOZ_PROFILER_STARTUP_FEATURES: 'js,cpu',
      MOZ_PROFILER_STARTUP_FILTERS: 'GeckoMain',
      MOZ_PROFILER_STARTUP_INTERVAL: String(SAMPLE_INTERVAL_MS),
      MOZ_PROFILER_STARTUP_ENTRIES: String(ENTRIES),
    },
  });
  try {
    if (extension) {
      const id = await browser.installExtension(extension.dir);
      if (id !== extension.geckoId) throw new Error(`Firefox installed ${extension.dir} as ${id}, not ${extension.geckoId}`);
    }
  } catch (error) {
    await browser.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    extensionOrigin: extension ? `moz-extension://${extension.uuid}/` : null,
    async quit() {
      // puppeteer's close() kills Firefox 5 s after asking it to quit, before a large profile is written, and
      // SIGTERM quits without writing it: ask over BiDi as close() does, then wait for the process to end.
      const firefox = browser.process()!;
      const exited = new Promise((done) => firefox.once('exit', done));
      await (browser as unknown as { connection: { send(method: 'browser.close', params: object): Promise<unknown> } }).connection.send('browser.close', {}).catch(() => {});
      await Promise.race([exited, new Promise((done) => setTimeout(done, QUIT_TIMEOUT_MS))]);
      await browser.close().catch(() => {});
      try {
        return JSON.parse(await readFile(profileFile, 'utf8')) as GeckoProfile;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export const PROFILER = { intervalMs: SAMPLE_INTERVAL_MS, features: 'js,cpu', threads: 'GeckoMain' };
