/**
 * Preloaded into every server the bench measures (node --expose-gc --require), never into the product: on
 * SIGUSR2 the process collects its garbage, so resident memory read just after is what the clients hold, not
 * how far the collector happened to lag (it lags most when the shared cores starve it). The heap it keeps
 * goes to stderr: RSS also counts sockets' buffers and what the allocator has not handed back.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  console.error(`gc heapUsedMiB=${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)}`);
});
