import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { E2E_PORT } from './harness/build';
import { hostNetwork, processesInNamespaces } from './harness/host-network';
import { linkedNamespaces } from './harness/netns';
import { E2E_EXTENSION_DIR } from './harness/world';

const VICTIM = fileURLToPath(new URL('harness/netns-victim.ts', import.meta.url));

interface Made {
  ids: number[];
  holders: number[];
  browserPid: number;
}

/** Whether the process still runs: an exited one whose new parent has not reaped it yet (a zombie) holds nothing. */
const running = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}

/**
 * A run killed outright (SIGKILL: no afterAll, no signal handler) while a browser sits in one of its network
 * namespaces leaves nothing behind: the namespace holders exit with their parent, the browser with its pipe,
 * and the kernel then drops the namespaces with their veth pair. The next run makes its own and works.
 */
it('leaves no namespace, veth or process behind when the run is killed, and the next run links again', async () => {
  const before = hostNetwork();
  const victim = spawn(process.execPath, ['--import', 'tsx', VICTIM, String(E2E_PORT), E2E_EXTENSION_DIR], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: victim.stdout! }).once('line', resolve);
    victim.once('exit', (code) => reject(new Error(`the victim run exited (${code}) before making its namespaces`)));
  });
  const made = JSON.parse(line) as Made;
  expect(processesInNamespaces(made.ids)).toContain(made.browserPid);
  expect(hostNetwork()).toEqual(before);

  victim.kill('SIGKILL');
  const gone = await until(() => processesInNamespaces(made.ids).length === 0, 15_000);
  expect(processesInNamespaces(made.ids), 'processes left in the dead run’s namespaces').toEqual([]);
  expect(gone).toBe(true);
  expect([made.browserPid, ...made.holders].filter(running)).toEqual([]);
  expect(hostNetwork()).toEqual(before);

  const next = await linkedNamespaces(E2E_PORT);
  await next.close();
  expect(hostNetwork()).toEqual(before);
});
