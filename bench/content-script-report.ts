import type { Contender, Run } from './content-script';
import { writeReport } from './report';
import { percentile } from './stats';
import { OBSERVERS, RENDERING } from './trace-figures';
import { timelineRowTemplate } from './x-timeline-page';

export interface Shape {
  name: string;
  batches: number;
  perBatch: number;
  /** Animation frames the page lets pass after each batch before it adds the next. */
  frames: number;
}
/** One entry per round: each browser's run on the same page, one after the other. */
export type ShapeRuns = Array<Partial<Record<Contender, Run>>>;

/** Ringside's added time may be at most this many times the reference's, in every shape. */
const BUDGET_RATIO = 1.25;
/** …and at most this share of the page's own scripting. */
const BUDGET_PERCENT = 3;

const median = (values: number[]) => percentile(values, 50);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * What an extension adds in one round: its content script's calls plus the intersection computations its
 * observers cost the page's rendering step (with less without, in the same round): both are main-thread
 * time only the extension causes.
 */
const added = (round: ShapeRuns[number], who: Contender) => round[who]!.extensionMs + round[who]!.observersMs - round.none!.observersMs;

function figuresOf(runs: ShapeRuns, who: Contender, tweets: number) {
  const addedMs = median(runs.map((r) => added(r, who)));
  const scriptMs = median(runs.map((r) => r[who]!.extensionMs));
  const calls = median(runs.map((r) => r[who]!.extensionCalls));
  return {
    addedMs: round1(addedMs),
    msPer100Tweets: round3((addedMs / tweets) * 100),
    percentOfPageScripting: round1((addedMs / median(runs.map((r) => r.none!.scriptMs))) * 100),
    scriptMs: round1(scriptMs),
    observersMs: round1(median(runs.map((r) => r[who]!.observersMs - r.none!.observersMs))),
    callsPerRound: calls,
    msPerCall: round3(scriptMs / calls),
    startupMs: round1(median(runs.map((r) => r[who]!.startupMs))),
  };
}

function shapeFigures(shape: Shape, signedIn: ShapeRuns, signedOut: ShapeRuns) {
  const tweets = shape.batches * shape.perBatch;
  const ringside = figuresOf(signedIn, 'ringside', tweets);
  const reference = figuresOf(signedIn, 'reference', tweets);
  const ratio = median(signedIn.map((r) => added(r, 'ringside'))) / median(signedIn.map((r) => added(r, 'reference')));
  return {
    batches: `${shape.batches} × ${shape.perBatch}, ${shape.frames} frame${shape.frames > 1 ? 's' : ''} after each`,
    tweetsAdded: tweets,
    ringsideToReference: round3(ratio),
    ringsideToReferencePairedRounds: round3(median(signedIn.map((r) => added(r, 'ringside') / added(r, 'reference')))),
    budgetRatio: BUDGET_RATIO,
    budgetPercent: BUDGET_PERCENT,
    withinBudget: ratio <= BUDGET_RATIO && ringside.percentOfPageScripting <= BUDGET_PERCENT,
    ringside,
    reference,
    ringsideSignedOut: figuresOf(signedOut, 'ringside', tweets),
    page: { ownScriptMs: round1(median(signedIn.map((r) => r.none!.scriptMs))), callButtonHostsSeenAfterEachBatchSummed: signedIn[0]?.ringside?.hostsSeenAfterEachBatch },
    renderingMs: renderingFigures(signedIn),
    garbageCollection: {
      insideRingsideCallsMs: round1(median(signedIn.map((r) => r.ringside!.extensionGcMs))),
      pageTotalWithRingsideMs: round1(median(signedIn.map((r) => r.ringside!.gcMs))),
      pageTotalWithReferenceMs: round1(median(signedIn.map((r) => r.reference!.gcMs))),
      pageTotalWithoutExtensionMs: round1(median(signedIn.map((r) => r.none!.gcMs))),
    },
    runs: signedIn.map(roundRound),
    signedOutRuns: signedOut.map(roundRound),
  };
}

/** Each rendering step with Ringside and without any extension (medians), and their difference per round. */
function renderingFigures(runs: ShapeRuns) {
  return Object.fromEntries(
    RENDERING.map((name) => [
      name,
      {
        withRingside: round1(median(runs.map((r) => r.ringside!.rendering[name]))),
        withoutExtension: round1(median(runs.map((r) => r.none!.rendering[name]))),
        added: round1(median(runs.map((r) => r.ringside!.rendering[name] - r.none!.rendering[name]))),
      },
    ]),
  );
}

function roundRound(round: ShapeRuns[number]) {
  return Object.fromEntries(
    Object.entries(round).map(([who, run]) => {
      const { rendering, ...figures } = run;
      const roundValues = <T extends Record<string, number>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round1(v)]));
      return [who, { ...roundValues(figures), rendering: roundValues(rendering) }];
    }),
  );
}

export function contentScriptReport(o: {
  shapes: Array<{ shape: Shape; signedIn: ShapeRuns; signedOut: ShapeRuns }>;
  rounds: number;
  bundle: { entrypointsGzipBytes: Record<string, number> } & Record<string, unknown>;
  self: string;
  url: string;
  settleMs: number;
}) {
  const shapes = Object.fromEntries(o.shapes.map(({ shape, signedIn, signedOut }) => [shape.name, shapeFigures(shape, signedIn, signedOut)]));
  return writeReport(
    'content-script',
    {
      summary: Object.fromEntries(Object.entries(shapes).map(([name, s]) => [name, { ringsideToReference: s.ringsideToReference, percentOfPageScripting: s.ringside.percentOfPageScripting, withinBudget: s.withinBudget }])),
      rounds: o.rounds,
      shapes,
      bundle: o.bundle,
      contentScriptBudgetGzipBytes: 60 * 1024,
    },
    [
      `Three headless Chromium (Debian) launched with the same flags: one with the built extension (ringside), one with the minimal reference content script (reference: bench/reference-extension/content.js, one MutationObserver, one IntersectionObserver entry per added element, a cloned shadow-hosted button on each tweet that comes near), one without any extension (none); each round runs them one after the other on the same page at ${o.url} served by interception. Compare figures within one run: the machine's load moves every figure between runs.`,
      `Budget: what Ringside adds is at most ${BUDGET_RATIO}× what the reference adds (ringsideToReference, the ratio of the medians; ringsideToReferencePairedRounds is the median of each round's ratio), and at most ${BUDGET_PERCENT}% of the page's own scripting, in every shape.`,
      'Shapes: X adds dozens of rows after a fetch and a few at a time while a person scrolls; the second shape weighs per-call costs (each observer call starts cold after X\'s layout) ten times as much per tweet as the first.',
      `signed in as @${o.self} (development sign-in, as the page names the account) to a real Ringside server on loopback, which answers the presence of the people on the page (none of them use Ringside, as for most of a real timeline). ringsideSignedOut: the same rounds after the server is stopped, so the extension is signed in but not connected and asks nothing (the reference has no such state: not run again).`,
      `Timeline rows: ${timelineRowTemplate().source}, laid out by that stylesheet as on x.com (about 500 px a row); one author in ten is the logged-in account (Ringside puts no button there; the reference does); the list keeps its last 60 rows as X's virtualised list does.`,
      `The trace runs on for ${o.settleMs} ms after the last batch, so work the content script defers (presence requests) is counted.`,
      `addedMs, the figure held to the budget: the content script's calls (scriptMs: thread time of outermost trace events from chrome-extension:// URLs, less the V8 collections that ran inside them) plus the computations of its IntersectionObservers in the page's rendering steps (observersMs: trace events ${OBSERVERS}, with the extension less without, per round). Medians of the rounds.`,
      'Not in scriptMs: promise continuations, which run as microtasks the trace does not attribute to a script (for Ringside, the presence answer, about 0.15 ms per round signed in).',
      "garbageCollection: V8 collections on the page's main thread. Not in scriptMs: the heap is shared with the page, and a collection runs inside whichever call makes the allocation that fills it.",
      `renderingMs: the page's rendering steps (${RENDERING.join(', ')}), with Ringside and without any extension, and the median per-round difference: where buttons that moved X's layout would show.`,
      'startupMs: the same measure from navigation until the page has settled, before the timeline grows (evaluation, compilation included, and the first calls).',
      "Page scripting: page.metrics() ScriptDuration of the run without an extension (this page's script adding rows with insertAdjacentHTML). X's own React rendering costs far more per tweet, so the percentage is an upper bound.",
    ],
  );
}
