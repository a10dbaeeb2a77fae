/**
 * Runs `run` once `ms` after the last `schedule()`, and at the latest `maxMs` after the first one still
 * waiting: tabs report what they show as a person scrolls, and the server hears one watch for the burst.
 */
export function debounce(run: () => void, ms: number, maxMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | null = null;
  return {
    schedule(now = Date.now()) {
      firstAt ??= now;
      clearTimeout(timer);
      const wait = Math.max(0, Math.min(ms, firstAt + maxMs - now));
      timer = setTimeout(() => {
        firstAt = null;
        timer = undefined;
        run();
      }, wait);
    },
  };
}
