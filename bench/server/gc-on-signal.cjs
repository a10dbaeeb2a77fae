/**
 * Preloaded into every server the bench measures (node --expose-gc --require), never into the product: on
 * SIGUSR2 the process collects its garbage, so resident memory read just after is what the clients hold, not
 * how far the collector happened to lag (it lags most when the shared cores starve it).
 */
process.on('SIGUSR2', () => globalThis.gc?.());
