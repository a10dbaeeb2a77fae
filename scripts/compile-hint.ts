/**
 * The content script's functions, compiled when the script loads instead of on their first call. Chromium
 * compiles a function lazily, on the main thread, the first time it runs: on x.com that was inside the first
 * calls of the page observers, while X renders its first tweets (1 to 2 ms of a 10 ms timeline budget, see
 * bench/content-script.ts). V8's per-file compile hint moves that work into the script's start, at
 * document_idle, which measured no dearer (bench notes). Browsers without compile hints ignore the comment.
 * Only the content script: the popup and side panel load React and would compile much they never run.
 */
const HINT = '//# allFunctionsCalledOnLoad';
const EAGER = new Set(['content-scripts/x.js']);

/** A rolldown `output.postBanner`: added after minification, which would strip a comment. */
export function compileHint(chunk: { fileName: string }): string {
  return EAGER.has(chunk.fileName) ? HINT : '';
}
