/**
 * One event per line worth a person's attention: refusals, malformed input, internal errors, each step of a
 * call (server/calls/call-log.ts: `callId`, `event`). `account` is the X user id (or the handle under
 * development sign-in) where there is one; `source` the client address. Never a token, a session id, a
 * signature or an SDP: the pino adapter also redacts those keys should one slip in.
 */
export interface LogFields {
  account?: string;
  source?: string;
  [key: string]: string | number | boolean | undefined;
}
export type Level = 'info' | 'warn' | 'error';
export type Log = Record<Level, (msg: string, fields?: LogFields) => void>;

/** A Log from one function: the tests' collector, the silent log, the throttle's output. */
export function logTo(write: (level: Level, msg: string, fields: LogFields) => void): Log {
  return {
    info: (msg, fields = {}) => write('info', msg, fields),
    warn: (msg, fields = {}) => write('warn', msg, fields),
    error: (msg, fields = {}) => write('error', msg, fields),
  };
}

/** Every line also carries `extra`; a line's own fields win. */
export function withFields(log: Log, extra: LogFields): Log {
  return logTo((level, msg, fields) => log[level](msg, { ...extra, ...fields }));
}

/** For harnesses that start a server beside a noisy test run. */
export const silentLog: Log = logTo(() => {});

/** Collects each event's message, for tests that look for a line. */
export const collectLog = (lines: string[]): Log => logTo((_level, msg) => lines.push(msg));

/**
 * At most `perWindow` lines per source (client address or account) per window; then one summary line when the window ends, so a flood
 * of ignored messages costs a line a minute, not a line a message.
 */
export function throttled(log: Log, { perWindow = 20, windowMs = 60_000 } = {}): Log {
  const windows = new Map<string, { startedAt: number; written: number; suppressed: number }>();
  let summary: NodeJS.Timeout | undefined;

  function flush(now: number): void {
    summary = undefined;
    for (const [source, window] of windows) {
      if (now - window.startedAt < windowMs) continue;
      windows.delete(source);
      if (window.suppressed) log.warn(`${window.suppressed} more lines from ${source} suppressed in ${windowMs / 1000} s`);
    }
    if (windows.size && [...windows.values()].some((w) => w.suppressed)) schedule();
  }
  function schedule(): void {
    summary ??= setTimeout(() => flush(Date.now()), windowMs).unref();
  }

  return logTo((level, msg, fields) => {
    // Keyed by address, or by account for lines about a signed-in person (the router knows no address).
    const source = fields.source ?? fields.account;
    if (source === undefined || level === 'error') return log[level](msg, fields);
    const now = Date.now();
    let window = windows.get(source);
    if (window && now - window.startedAt >= windowMs) flush(now);
    window = windows.get(source);
    if (!window) windows.set(source, (window = { startedAt: now, written: 0, suppressed: 0 }));
    if (window.written < perWindow) {
      window.written += 1;
      return log[level](msg, fields);
    }
    window.suppressed += 1;
    schedule();
  });
}

/** Text a client chose, made safe for a one-line log: quoted, escaped, bounded. */
export function quote(untrusted: string, max = 200): string {
  return JSON.stringify(untrusted.length > max ? `${untrusted.slice(0, max)}…` : untrusted);
}

/** For failures of our own code, where the stack is what someone will need (in the log, never in an answer). */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
