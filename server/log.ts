/** One line per event worth a person's attention: refusals, malformed input, internal errors. */
export type Log = (line: string) => void;

export const stderrLog: Log = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** For harnesses that start a server beside a noisy test run. */
export const silentLog: Log = () => {};

/** Text a client chose, made safe for a one-line log: quoted, escaped, bounded. */
export function quote(untrusted: string, max = 200): string {
  return JSON.stringify(untrusted.length > max ? `${untrusted.slice(0, max)}…` : untrusted);
}

/** For failures of our own code, where the stack is what someone will need. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
