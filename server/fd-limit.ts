import { readFileSync } from 'node:fs';

/**
 * The process's soft limit on open descriptors. Node raises it to the hard limit at start (checked on Node
 * 20: `ulimit -Sn 1024` still gives a process 20000 when the hard limit is 20000), so this reads what Node
 * left. Linux only; elsewhere the common 1024, which errs on the side of refusing early.
 */
export function openFilesLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const field = line?.split(/\s{2,}/)[1];
    if (field === 'unlimited') return 1_048_576;
    const soft = Number(field);
    return Number.isFinite(soft) && soft > 0 ? soft : 1024;
  } catch {
    return 1024;
  }
}
