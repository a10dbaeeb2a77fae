import path from 'node:path';
import type { Page } from 'puppeteer';
import { buildE2EExtension } from '../tests/e2e/harness/build';
import { FIREFOX_EXTENSION_UUID } from '../tests/e2e/harness/firefox';
import { openX } from '../tests/e2e/harness/x-site';
import { startE2EServer } from '../tests/e2e/harness/world';
import { makeContacts } from '../tests/e2e/harness/reach';
import { Client } from '../tests/server/client';
import { FIREFOX_ID } from '../scripts/manifest';
import type { RunningServer } from '../server/app';
import { REFERENCE_DIR, SELF, SETTLE_MS, SHAPES, URL_HOME, type Contender } from './content-script';
import { firefoxReport, type FirefoxRound } from './content-script-firefox-report';
import { launchProfiledFirefox, type ProfiledFirefox } from './firefox-profiled';
import { earliestSample, windowFigures, type GeckoProfile, type Window } from './gecko-profile';
import { timelinePage } from './x-timeline-page';

/** As many rounds as the Chromium bench, so both figures are medians of as many. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
/** The reference's gecko id (bench/reference-extension/manifest.json) and a UUID fixed for its frames' URLs. */
const REFERENCE = { dir: REFERENCE_DIR, geckoId: 'reference-bench@ringside.invalid', uuid: 'b3e2d6f1-8c4e-4d2f-a05b-726566657265' };
/** Over BiDi nothing says when the content script has run (DESIGN §6): a second at document_idle is ample here. */
const START_MS = 1000;
const CONTENDERS = ['ringside', 'reference', 'none'] as const;

/** Until the server says `handle` is online (Firefox has no popup page the bench can open). */
async function waitUntilOnline(server: RunningServer, handle: string, timeout = 20_000) {
  // Only people `handle` allows to call them see their presence.
  await makeContacts(handle, 'bench_watcher', server.url);
  const watcher = await Client.signIn(server.url.replace(/^http/, 'ws'), 'bench_watcher');
  try {
    watcher.send({ type: 'presence.watch', handles: [handle] });
    await watcher.until('presence.changed', (m) => m.states.some((s) => s.handle === handle && s.state === 'online'), timeout);
  } finally {
    watcher.socket.close();
  }
}

async function openTimeline(firefox: ProfiledFirefox, html: string): Promise<Page> {
  const page = await openX(firefox, URL_HOME, html, (tab) => tab.setViewport({ width: 1280, height: 800 }));
  await page.waitForFunction(() => document.readyState === 'complete');
  await new Promise((done) => setTimeout(done, START_MS));
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return page;
}

/** One round's window for one contender: the growth and the settling after it, as in the Chromium bench. */
async function grow(firefox: ProfiledFirefox, html: string, shape: (typeof SHAPES)[number]) {
  const page = await openTimeline(firefox, html);
  const start = Date.now();
  const hostsSeen = (await page.evaluate(`grow(${shape.batches}, ${shape.perBatch}, ${shape.frames})`)) as number;
  await page.evaluate(`new Promise((done) => setTimeout(done, ${SETTLE_MS}))`);
  const window: Window = { start, end: Date.now() };
  await page.close();
  return { window, hostsSeen };
}

type Seen = Record<Contender, { window: Window; hostsSeen: number }>;

/** Rounds going through the contenders in turn on the same page, so all see the same machine. */
async function contenderRounds(server: RunningServer, browsers: Record<Contender, ProfiledFirefox>, html: string, shape: (typeof SHAPES)[number]) {
  // The page's side navigation names the account: the extension signs in as it (development sign-in).
  await (await openTimeline(browsers.ringside, html)).close();
  await waitUntilOnline(server, SELF);
  const seen: Seen[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round: Partial<Seen> = {};
    for (const who of CONTENDERS) round[who] = await grow(browsers[who], html, shape);
    seen.push(round as Seen);
  }
  return seen;
}

/** One after the other: each profile is a large JSON document to read. */
async function quitAll(browsers: Record<Contender, ProfiledFirefox>) {
  const profiles: Array<readonly [Contender, GeckoProfile]> = [];
  for (const who of CONTENDERS) profiles.push([who, await browsers[who].quit()]);
  return profiles;
}

/**
 * The content-script bench in Firefox ESR: the same page, shapes and contenders as in Chromium
 * (bench/content-script.ts), signed in to a real server, each contender's main-thread time read from the Gecko
 * profiler's samples. One set of browsers per shape, so each profile holds one shape's rounds.
 */
export async function benchContentScriptFirefox() {
  const ringsideDir = buildE2EExtension('firefox');
  const html = timelinePage(SELF);
  const server = await startE2EServer();
  const shapes: Array<{ shape: (typeof SHAPES)[number]; rounds: FirefoxRound[] }> = [];
  try {
    for (const shape of SHAPES) {
      const browsers: Record<Contender, ProfiledFirefox> = {
        ringside: await launchProfiledFirefox({ dir: ringsideDir, geckoId: FIREFOX_ID, uuid: FIREFOX_EXTENSION_UUID }),
        reference: await launchProfiledFirefox(REFERENCE),
        none: await launchProfiledFirefox(null),
      };
      const seen = await contenderRounds(server, browsers, html, shape).catch(async (error: unknown) => {
        await quitAll(browsers);
        throw error;
      });
      const profiles = await quitAll(browsers);
      const rounds: FirefoxRound[] = seen.map(() => ({}) as FirefoxRound);
      for (const [who, profile] of profiles) {
        const windows = seen.map((r) => r[who].window);
        if (earliestSample(profile) > windows[0]!.start) throw new Error(`The profiler's buffer lost the first round (${who}): raise ENTRIES in bench/firefox-profiled.ts`);
        windowFigures(profile, windows, browsers[who].extensionOrigin, new URL(URL_HOME).origin + '/').forEach((figures, i) => {
          rounds[i]![who] = { ...figures, hostsSeenAfterEachBatch: seen[i]![who].hostsSeen };
        });
      }
      shapes.push({ shape, rounds });
    }
  } finally {
    await server.close();
  }
  return firefoxReport({ shapes, rounds: ROUNDS, chromiumResults: path.resolve('bench/results/content-script.json'), url: URL_HOME, self: SELF, settleMs: SETTLE_MS });
}
