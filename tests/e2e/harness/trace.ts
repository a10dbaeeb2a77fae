export interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string } } }

/** The complete events ('X') on renderers' main threads, by start time: where a page's scripts run. */
export function mainThreadEvents(events: TraceEvent[]): TraceEvent[] {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.ph === 'X' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
}

/** V8's lazy compilation of a function on its first call. */
const LAZY_COMPILE = /^V8\.(CompileLazy|CompileCode|ParseFunction|CompileIgnition)$/;

/**
 * The calls into the extension's scripts on a page's main thread (observer, timer and event callbacks; not
 * the script's own evaluation), and how many of them compiled a function of ours on the way.
 */
export function extensionCallsCompiling(trace: Uint8Array): { calls: number; compiling: number } {
  const onMain = mainThreadEvents((JSON.parse(new TextDecoder().decode(trace)) as { traceEvents: TraceEvent[] }).traceEvents);
  const calls = onMain.filter((e) => e.name === 'FunctionCall' && e.args?.data?.url?.startsWith('chrome-extension://'));
  const compiles = onMain.filter((e) => LAZY_COMPILE.test(e.name));
  const compiling = calls.filter((call) => compiles.some((c) => c.pid === call.pid && c.tid === call.tid && c.ts >= call.ts && c.ts + c.dur! <= call.ts + call.dur!));
  return { calls: calls.length, compiling: compiling.length };
}
