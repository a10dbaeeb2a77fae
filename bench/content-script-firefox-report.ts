import { existsSync, readFileSync } from 'node:fs';
import type { Contender } from './content-script';
import type { Shape } from './content-script-report';
import { OBSERVERS_LABEL, type WindowFigures } from './gecko-profile';
import { PROFILER } from './firefox-profiled';
import { writeReport } from './report';
import { percentile } from './stats';

/** One round: each contender's figures in its window, read from its browser's profile. */
export type FirefoxRound = Record<Contender, WindowFigures & { hostsSeenAfterEachBatch: number }>;

const median = (values: number[]) => percentile(values, 50);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** As in Chromium: the content script's calls plus its IntersectionObservers' computations, less the page's own. */
const added = (round: FirefoxRound, who: Contender) => round[who].extensionMs + round[who].observersMs - round.none.observersMs;

function figuresOf(rounds: FirefoxRound[], who: Contender, tweets: number) {
  const addedMs = median(rounds.map((r) => added(r, who)));
  return {
    addedMs: round1(addedMs),
    msPer100Tweets: round3((addedMs / tweets) * 100),
    percentOfPageScripting: round1((addedMs / median(rounds.map((r) => r.none.pageScriptMs))) * 100),
    scriptMs: round1(median(rounds.map((r) => r[who].extensionMs))),
    observersMs: round1(median(rounds.map((r) => r[who].observersMs - r.none.observersMs))),
    samplesInScript: median(rounds.map((r) => r[who].extensionSamples)),
  };
}

function shapeFigures(shape: Shape, rounds: FirefoxRound[]) {
  const tweets = shape.batches * shape.perBatch;
  const ratio = median(rounds.map((r) => added(r, 'ringside'))) / median(rounds.map((r) => added(r, 'reference')));
  const roundFigures = (r: FirefoxRound) =>
    Object.fromEntries(Object.entries(r).map(([who, f]) => [who, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, round1(v)]))]));
  return {
    batches: `${shape.batches} × ${shape.perBatch}, ${shape.frames} frame${shape.frames > 1 ? 's' : ''} after each`,
    tweetsAdded: tweets,
    ringsideToReference: round3(ratio),
    ringsideToReferencePairedRounds: round3(median(rounds.map((r) => added(r, 'ringside') / added(r, 'reference')))),
    ringside: figuresOf(rounds, 'ringside', tweets),
    reference: figuresOf(rounds, 'reference', tweets),
    page: {
      ownScriptMs: round1(median(rounds.map((r) => r.none.pageScriptMs))),
      mainThreadMs: round1(median(rounds.map((r) => r.none.mainThreadMs))),
      callButtonHostsSeenAfterEachBatchSummed: rounds[0]?.ringside.hostsSeenAfterEachBatch,
    },
    runs: rounds.map(roundFigures),
  };
}

/** Chromium's figures from its own run (bench/results/content-script.json), quoted with the command that made them. */
function chromiumBeside(file: string) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { command: string; date: string; figures: { summary: Record<string, unknown> } };
  return { command: report.command, date: report.date, summary: report.figures.summary };
}

export function firefoxReport(o: { shapes: Array<{ shape: Shape; rounds: FirefoxRound[] }>; rounds: number; chromiumResults: string; url: string; self: string; settleMs: number }) {
  const shapes = Object.fromEntries(o.shapes.map(({ shape, rounds }) => [shape.name, shapeFigures(shape, rounds)]));
  return writeReport(
    'content-script-firefox',
    {
      summary: Object.fromEntries(
        Object.entries(shapes).map(([name, s]) => [name, { ringsideToReference: s.ringsideToReference, percentOfPageScripting: s.ringside.percentOfPageScripting }]),
      ),
      chromium: chromiumBeside(o.chromiumResults),
      rounds: o.rounds,
      profiler: PROFILER,
      shapes,
    },
    [
      `Three headless Firefox ESR (Debian) over WebDriver BiDi: one with the Firefox build of the extension (ringside), one with the same minimal reference content script as in Chromium (bench/reference-extension/, its manifest only adds a gecko id), one without any extension (none); each round runs them one after the other on the same page at ${o.url} as the Chromium bench (bench/x-timeline-page.ts), the same shapes, signed in as @${o.self} to a real Ringside server on loopback. One set of three browsers per shape. Compare figures within one run.`,
      `Method: BiDi has no tracing and no profiler commands, and Firefox has no longtask entries (PerformanceObserver.supportedEntryTypes lists none here), so each browser runs the Gecko profiler from the environment (MOZ_PROFILER_STARTUP, features ${PROFILER.features}, main threads, a sample every ${PROFILER.intervalMs} ms) and writes its profile when it quits. Each sample carries its JavaScript stack and the thread's CPU time since the previous sample.`,
      `addedMs, as in Chromium: scriptMs (the CPU time of samples of the page's content-process main thread with a frame from the contender's moz-extension://UUID/ on the stack) plus observersMs (samples in rendering's "${OBSERVERS_LABEL}" step, with the contender less without, per round). Window: from the first batch to ${o.settleMs} ms after the last, so deferred work counts. Medians of the rounds.`,
      'Where this differs from Chromium: a sampled estimate (about two samples per ms of script, so a round of 20 ms rests on about 40 samples), not every call measured; CPU time is taken per sample interval, so an interval that straddles the end of a call counts whole; promise continuations and microtasks the content script queues are counted (their frames are the extension\'s), unlike in Chromium; collections that run inside the content script are counted (Chromium reports them apart). The profiler slows every contender alike; the ratio is the figure to read, not the milliseconds.',
      'Page scripting (the share\'s denominator): CPU time of samples with a frame of the page\'s own script (https://x.com/) on the stack, without an extension, as Chromium\'s ScriptDuration counts the page\'s script and the DOM work it calls.',
      'chromium: the Chromium figures of the last `npm run bench -- content-script` (its own run, with its command and date): the two runs are not side by side, so compare each browser\'s ratio, not milliseconds across browsers.',
    ],
  );
}
