import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { E2E_EXTENSION_DIR, startE2EServer } from '../tests/e2e/harness/world';
import { waitUntilOffline, waitUntilOnline } from '../tests/e2e/harness/presence';
import type { TraceEvent } from '../tests/e2e/harness/trace';
import type { RunningServer } from '../server/app';
import { MAX_WAIT_MS } from '../entrypoints/x.content/features/presence-timing';
import { bundleSizes } from './bundle-sizes';
import { contentScriptReport, type Shape, type ShapeRuns } from './content-script-report';
import { extensionScriptMs, phasesMs } from './trace-figures';
import { timelinePage } from './x-timeline-page';

/** Nine: rounds differ by a few ms on this shared 2-core machine, and the median of five moved as much. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
/**
 * X's virtualised timeline adds rows a few at a time while a person scrolls, and dozens at once after a
 * fetch: both shapes grow the timeline by 1,000 tweets, and a content script's cost per call weighs most
 * in the second.
 */
export const SHAPES: Shape[] = [
  { name: '50 rows per batch', batches: 20, perBatch: 50, frames: 2 },
  { name: '10 rows per frame', batches: 100, perBatch: 10, frames: 1 },
];
export const URL_HOME = 'https://x.com/home';
/** The account the bench page is logged in as. */
export const SELF = 'alice';
/** Traced after the last batch too, longer than anything the content script defers (presence: at most 3 s). */
export const SETTLE_MS = MAX_WAIT_MS + 500;
/** The minimal content script Ringside is held to (bench/reference-extension/content.js). */
export const REFERENCE_DIR = path.resolve('bench/reference-extension');

/** The same flags the end-to-end tests use (DESIGN §6), for every browser: only the extension differs. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

export type Contender = 'ringside' | 'reference' | 'none';
type BenchBrowser = { name: Contender; browser: Browser; extensionId: string; close(): Promise<void> };

async function launchBrowser(name: Contender): Promise<BenchBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ringside-bench-'));
  const extension = name === 'ringside' ? E2E_EXTENSION_DIR : name === 'reference' ? REFERENCE_DIR : null;
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir,
    args: FLAGS,
    ...(extension ? { enableExtensions: [extension] } : {}),
  });
  // Only Ringside has a background (the reference is a content script alone).
  const worker = name === 'ringside' ? await browser.waitForTarget((t) => t.type() === 'service_worker', { timeout: 15_000 }) : null;
  return {
    name,
    browser,
    extensionId: worker ? new URL(worker.url()).host : '',
    close: async () => { await browser.close().catch(() => {}); await rm(userDataDir, { recursive: true, force: true }); },
  };
}

const readTrace = async (page: Page) => JSON.parse(Buffer.from((await page.tracing.stop())!).toString('utf8')) as { traceEvents: TraceEvent[] };

/**
 * Opens the timeline and lets the content script start and settle. `startupMs`: main-thread time in the
 * content script from navigation until then (its evaluation, compilation included, and its first calls),
 * so work moved out of the timeline's calls into the start shows here.
 */
async function openTimeline(browser: Browser, html: string): Promise<{ page: Page; startupMs: number }> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === URL_HOME) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else void request.abort();
  });
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-v8.gc'] });
  await page.goto(URL_HOME, { waitUntil: 'load' });
  // Let the content script start (document_idle) and settle before measuring.
  await new Promise((done) => setTimeout(done, 500));
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return { page, startupMs: extensionScriptMs((await readTrace(page)).traceEvents).scriptMs };
}

/** Grows the timeline by 1,000 tweets in the shape's batches, then lets the page settle before the trace ends. */
async function grow(page: Page, shape: Shape) {
  const before = await page.metrics();
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-v8.gc'] });
  const hostsSeen = (await page.evaluate(`grow(${shape.batches}, ${shape.perBatch}, ${shape.frames})`)) as number;
  // Work the content script defers (presence asked for the last buttons, idle callbacks) counts too.
  await page.evaluate(`new Promise((done) => setTimeout(done, ${SETTLE_MS}))`);
  const trace = await readTrace(page);
  const after = await page.metrics();
  const ext = extensionScriptMs(trace.traceEvents);
  const phases = phasesMs(trace.traceEvents);
  return {
    observersMs: phases.observersMs,
    rendering: phases.rendering,
    scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
    taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
    extensionMs: ext.scriptMs,
    extensionWallMs: ext.wallMs,
    extensionCalls: ext.calls,
    extensionGcMs: ext.gcInsideMs,
    gcMs: ext.pageGcMs,
    gcCount: ext.pageGcCount,
    hostsSeenAfterEachBatch: hostsSeen,
  };
}

export type Run = Awaited<ReturnType<typeof grow>> & { startupMs: number };

/** Rounds going through the browsers in turn on the same page, so all see the same machine. */
async function alternate(browsers: BenchBrowser[], html: string, shape: Shape): Promise<ShapeRuns> {
  const runs: ShapeRuns = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round: Partial<Record<Contender, Run>> = {};
    for (const b of browsers) {
      const opened = await openTimeline(b.browser, html);
      round[b.name] = { ...(await grow(opened.page, shape)), startupMs: opened.startupMs };
      await opened.page.close();
    }
    runs.push(round);
  }
  return runs;
}

/**
 * Main-thread time Ringside's content script adds while X's timeline grows by 1,000 tweets, in each shape,
 * beside the minimal reference content script and the page without any extension, all in the same run;
 * and the gzipped size of every built entrypoint. Signed in (a real server on loopback answers presence,
 * as for someone using Ringside), then again signed out (the server stopped).
 */
export async function benchContentScript() {
  const html = timelinePage(SELF);
  let server: RunningServer | null = await startE2EServer();
  const browsers = await Promise.all((['ringside', 'reference', 'none'] as const).map(launchBrowser));
  const [ringside, , none] = browsers as [BenchBrowser, BenchBrowser, BenchBrowser];
  const signedIn: ShapeRuns[] = [];
  const signedOut: ShapeRuns[] = [];
  try {
    // The page's side navigation names the account: the extension signs in as it (development sign-in).
    await (await openTimeline(ringside.browser, html)).page.close();
    await waitUntilOnline(ringside, SELF);
    for (const shape of SHAPES) signedIn.push(await alternate(browsers, html, shape));
    await server.close();
    server = null;
    await waitUntilOffline(ringside, SELF);
    for (const shape of SHAPES) signedOut.push(await alternate([ringside, none], html, shape));
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
  }
  return contentScriptReport({
    shapes: SHAPES.map((shape, i) => ({ shape, signedIn: signedIn[i]!, signedOut: signedOut[i]! })),
    rounds: ROUNDS,
    bundle: bundleSizes(E2E_EXTENSION_DIR),
    self: SELF,
    url: URL_HOME,
    settleMs: SETTLE_MS,
  });
}
