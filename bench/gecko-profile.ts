/**
 * Reads the Gecko profiler's own format (what Firefox writes at shutdown with MOZ_PROFILER_SHUTDOWN): the
 * main threads of the page's content processes, sampled, each sample with its JavaScript and label stack
 * and the thread CPU time since the previous sample. The Firefox counterpart of trace-figures.ts.
 */
interface Table<Row = unknown[]> {
  schema: Record<string, number>;
  data: Row[];
}
interface GeckoThread {
  name: string;
  processName?: string;
  samples: Table<Array<number | null>>;
  stackTable: Table<Array<number | null>>;
  frameTable: Table<unknown[]>;
  stringTable: string[];
}
export interface GeckoProfile {
  meta: { startTime: number };
  threads: GeckoThread[];
  processes?: GeckoProfile[];
}

/** One stretch of the run, in ms since the epoch (Date.now() in the bench's process). */
export interface Window {
  start: number;
  end: number;
}

/** Rendering's own label: the IntersectionObservers' computations, Chromium's computeIntersections. */
export const OBSERVERS_LABEL = 'Update the rendering Update intersection observations';

export interface WindowFigures {
  /** CPU time of samples with a frame of the extension's content script on the stack. */
  extensionMs: number;
  /** …and the number of such samples. */
  extensionSamples: number;
  /** CPU time of samples inside the IntersectionObservers' computations in rendering. */
  observersMs: number;
  /** CPU time of samples with a frame of the page's own script (https://x.com/) on the stack. */
  pageScriptMs: number;
  /** The sampled main threads' CPU time, whatever they did. */
  mainThreadMs: number;
}

const ZERO: WindowFigures = { extensionMs: 0, extensionSamples: 0, observersMs: 0, pageScriptMs: 0, mainThreadMs: 0 };

/** Every content process's main thread (web pages run there; the extension's background runs elsewhere). */
function contentMainThreads(profile: GeckoProfile): Array<{ thread: GeckoThread; startTime: number }> {
  const own = profile.threads
    .filter((t) => t.name === 'GeckoMain' && t.processName === 'Web Content')
    .map((thread) => ({ thread, startTime: profile.meta.startTime }));
  return [...own, ...(profile.processes ?? []).flatMap(contentMainThreads)];
}

/**
 * Sums, for each window, the CPU time of the samples that fall in it (a sample's CPU time is what the thread
 * used since the previous sample). `extensionOrigin` is the content script's moz-extension://UUID/.
 */
export function windowFigures(profile: GeckoProfile, windows: Window[], extensionOrigin: string | null, pageOrigin: string): WindowFigures[] {
  const sums = windows.map(() => ({ ...ZERO }));
  for (const { thread, startTime } of contentMainThreads(profile)) {
    const { stack: STACK, time: TIME, threadCPUDelta: CPU } = thread.samples.schema as Record<string, number>;
    const { prefix: PREFIX, frame: FRAME } = thread.stackTable.schema as Record<string, number>;
    const LOCATION = thread.frameTable.schema.location!;
    const strings = thread.stringTable;
    const kinds = new Map<number, { extension: boolean; observers: boolean; page: boolean }>();
    // Stacks share prefixes: each stack's kinds are its own frame's plus its prefix's, memoised.
    const kindOf = (stack: number): { extension: boolean; observers: boolean; page: boolean } => {
      const known = kinds.get(stack);
      if (known) return known;
      const row = thread.stackTable.data[stack]!;
      const location = strings[thread.frameTable.data[row[FRAME!] as number]![LOCATION] as number] ?? '';
      const prefix = row[PREFIX!] == null ? { extension: false, observers: false, page: false } : kindOf(row[PREFIX!] as number);
      const kind = {
        extension: prefix.extension || (extensionOrigin !== null && location.includes(extensionOrigin)),
        observers: prefix.observers || location === OBSERVERS_LABEL,
        page: prefix.page || location.includes(pageOrigin),
      };
      kinds.set(stack, kind);
      return kind;
    };
    for (const sample of thread.samples.data) {
      const at = startTime + (sample[TIME!] as number);
      const i = windows.findIndex((w) => at >= w.start && at <= w.end);
      if (i < 0) continue;
      const cpuMs = ((sample[CPU!] as number | null) ?? 0) / 1e6;
      const sum = sums[i]!;
      sum.mainThreadMs += cpuMs;
      if (sample[STACK!] == null) continue;
      const kind = kindOf(sample[STACK!] as number);
      if (kind.extension) {
        sum.extensionMs += cpuMs;
        sum.extensionSamples++;
      }
      if (kind.observers) sum.observersMs += cpuMs;
      if (kind.page) sum.pageScriptMs += cpuMs;
    }
  }
  return sums;
}

/** When the profile's content threads start: a window before it was lost to the profiler's ring buffer. */
export function earliestSample(profile: GeckoProfile): number {
  return Math.min(
    ...contentMainThreads(profile).map(({ thread, startTime }) => startTime + ((thread.samples.data[0]?.[thread.samples.schema.time!] as number | undefined) ?? Infinity)),
  );
}
