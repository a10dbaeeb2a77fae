import { mainThreadEvents, type TraceEvent } from '../tests/e2e/harness/trace';

/** V8's collections, whole (a major one is handled inside a request event; its phases nest inside). */
const GC_EVENT = /^(MinorGC|MajorGC|V8\.GCHandleGCRequest|V8\.GCScavenger|V8\.GCIncrementalMarking)/;

/** The rendering steps of a frame, as devtools.timeline names them: where a layout shift shows its cost. */
export const RENDERING = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'] as const;
export type RenderingStep = (typeof RENDERING)[number];
/** IntersectionObservers' computations in the frame's rendering step: without an extension the page has almost none. */
export const OBSERVERS = 'IntersectionObserverController::computeIntersections';

/** The outermost of `events` (sorted by start): nested ones are counted with their parent. */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const kept: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of events) {
    if (e.ts + e.dur! <= end) continue;
    kept.push(e);
    end = e.ts + e.dur!;
  }
  return kept;
}

const threadMs = (events: TraceEvent[]) => events.reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0) / 1000;

/**
 * Main-thread time spent in calls into an extension's content script (its MutationObserver, animation-frame
 * and IntersectionObserver callbacks: trace events whose function comes from a chrome-extension:// URL), as
 * thread CPU time: wall durations on this shared 2-core machine include time the OS gave to other
 * processes. Nested calls are counted once (outermost only). V8 collections that happen to run inside
 * those calls are reported apart: the heap is shared with the page, a collection runs wherever the
 * allocation that fills it happens, and the page collects as often without the extension (`gc` below).
 */
export function extensionScriptMs(events: TraceEvent[]) {
  const onMain = mainThreadEvents(events);
  const ours = outermost(onMain.filter((e) => e.args?.data?.url?.startsWith('chrome-extension://')));
  const collections = outermost(onMain.filter((e) => GC_EVENT.test(e.name)));
  const inOurs = collections.filter((c) => ours.some((e) => c.pid === e.pid && c.tid === e.tid && c.ts >= e.ts && c.ts + c.dur! <= e.ts + e.dur!));
  const gcInOurs = threadMs(inOurs);
  return {
    scriptMs: threadMs(ours) - gcInOurs,
    wallMs: ours.reduce((sum, e) => sum + e.dur!, 0) / 1000,
    calls: ours.length,
    gcInsideMs: gcInOurs,
    pageGcMs: threadMs(collections),
    pageGcCount: collections.length,
  };
}

/** Thread time of the outermost main-thread events of each name. */
export function phasesMs(events: TraceEvent[]) {
  const onMain = mainThreadEvents(events);
  const of = (name: string) => threadMs(outermost(onMain.filter((e) => e.name === name)));
  return { observersMs: of(OBSERVERS), rendering: Object.fromEntries(RENDERING.map((name) => [name, of(name)])) as Record<RenderingStep, number> };
}
