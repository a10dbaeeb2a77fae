const missed = new Set<string>();

/**
 * X changes its markup without notice. When every variant of a selector fails, say so once in the console
 * (someone debugging will look there) and stay quiet afterwards: never an error, never a retry loop.
 */
export function reportMiss(what: string): void {
  if (missed.has(what)) return;
  missed.add(what);
  console.info(`[Ringside] X's page changed: could not find ${what}. Call buttons there are off until an update.`);
}
