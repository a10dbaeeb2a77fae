import { execFileSync } from 'node:child_process';
import type { Page } from 'puppeteer';

/**
 * Cuts one call's media path outside the browser: Chromium's network emulation does not touch WebRTC
 * (crbug.com/563644). This machine's kernel has no tc drop action and no netem, so an HTB root on the
 * loopback sends UDP to the call's candidate ports into a class limited to 8 bit/s with a one-packet queue
 * (everything else goes through a 40 Gbit/s default class), and removing the qdisc restores the path.
 * Only those ports lose packets: other calls on this machine are untouched. Needs root (CAP_NET_ADMIN)
 * and iproute2's `tc`.
 */
export interface PathDrop {
  restore(): void;
}

function tc(...args: string[]): void {
  try {
    execFileSync('tc', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
    throw new Error(`tc ${args.join(' ')} failed (cutting a call's path needs root and iproute2): ${stderr}`, { cause: error });
  }
}

export function dropUdpTo(ports: number[]): PathDrop {
  const root = execFileSync('tc', ['qdisc', 'show', 'dev', 'lo', 'root'], { encoding: 'utf8' });
  if (!root.startsWith('qdisc noqueue')) throw new Error(`the loopback already has a queueing discipline: ${root}`);
  tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '1');
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    tc('qdisc', 'del', 'dev', 'lo', 'root');
  };
  try {
    // A large burst keeps everyone else's loopback traffic from ever waiting (measured: 0 overlimits).
    tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:1', 'htb', 'rate', '40gbit', 'ceil', '40gbit', 'burst', '16m', 'cburst', '16m');
    tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:2', 'htb', 'rate', '8bit', 'ceil', '8bit', 'burst', '1', 'cburst', '1');
    tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:2', 'handle', '2:', 'pfifo', 'limit', '1');
    // Local traffic to any of the machine's own addresses (v4 or v6) goes through the loopback.
    for (const port of ports) {
      tc('filter', 'add', 'dev', 'lo', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32',
        'match', 'ip', 'protocol', '17', '0xff', 'match', 'ip', 'dport', String(port), '0xffff', 'flowid', '1:2');
      tc('filter', 'add', 'dev', 'lo', 'parent', '1:', 'protocol', 'ipv6', 'prio', '2', 'u32',
        'match', 'ip6', 'protocol', '17', '0xff', 'match', 'ip6', 'dport', String(port), '0xffff', 'flowid', '1:2');
    }
  } catch (error) {
    restore();
    throw error;
  }
  return { restore };
}

/**
 * Every local UDP port the call window's connection gathered: Chromium switches to another candidate pair
 * (another interface, another port) when the selected one goes quiet, so cutting one pair is not a drop.
 */
export async function localCandidatePorts(page: Page): Promise<number[]> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await page.evaluate(async (pcs: RTCPeerConnection[]) => {
      const ports = new Set<number>();
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach((r: Record<string, unknown>) => {
          if (r.type === 'local-candidate' && r.protocol === 'udp' && r.port) ports.add(Number(r.port));
        });
      }
      if (ports.size === 0) throw new Error('no local candidates');
      return [...ports];
    }, connections);
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}
