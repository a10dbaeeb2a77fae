import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';

/** Flags verified on this machine (DESIGN §6): headless, offline, fake camera and microphone. */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Person {
  name: string;
  browser: Browser;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * false: no `--use-fake-ui-for-media-stream`, so camera and microphone start as "ask" (as for a real
   * person) and the test grants or refuses them itself.
   */
  fakeMediaUi?: boolean;
  /** An existing profile folder, kept on close: launching again with it is a browser restart. */
  profile?: string;
  /** A process whose network namespace the browser runs in (tests/e2e/harness/netns.ts). */
  netns?: number;
}

const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const IN_NETNS = fileURLToPath(new URL('chromium-in-netns.sh', import.meta.url));

/** One simulated person: a fresh profile in Debian's Chromium with the built extension loaded. */
export async function launchPerson(name: string, extensionDir: string, lang = 'en-US', options: LaunchOptions = {}): Promise<Person> {
  const flags = options.fakeMediaUi === false ? FLAGS.filter((f) => f !== '--use-fake-ui-for-media-stream') : FLAGS;
  const userDataDir = options.profile ?? (await mkdtemp(path.join(tmpdir(), `ringside-${name}-`)));
  const inNamespace = options.netns === undefined ? {} : { RINGSIDE_NETNS_PID: String(options.netns), RINGSIDE_CHROMIUM: CHROMIUM };
  const browser = await puppeteer.launch({
    executablePath: options.netns === undefined ? CHROMIUM : IN_NETNS,
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    args: [...flags, `--lang=${lang}`],
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), ...inNamespace },
  });
  const worker = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 15_000 },
  );
  return {
    name,
    browser,
    extensionId: new URL(worker.url()).host,
    async close() {
      await browser.close().catch(() => {});
      if (!options.profile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension page (side panel, popup window or tab) whose path is `file`, once it exists. */
export async function extensionPage(person: Person, file: string, timeout = 10_000): Promise<Page> {
  const prefix = `chrome-extension://${person.extensionId}/${file}`;
  const target = await person.browser.waitForTarget((t) => t.url().startsWith(prefix), { timeout });
  return target.asPage();
}

export async function openPopup(person: Person): Promise<Page> {
  const page = await person.browser.newPage();
  await page.goto(`chrome-extension://${person.extensionId}/popup.html`);
  return page;
}
