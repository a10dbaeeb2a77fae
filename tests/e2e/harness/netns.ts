import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import net from 'node:net';

/**
 * Two private network namespaces joined by a veth pair, one per person, so a test can cut the media path
 * between two browsers without touching any interface of the machine (Chromium's network emulation does
 * not reach WebRTC, crbug.com/563644). Each namespace belongs to a small holder process made with
 * `unshare -n` (no named `ip netns`): when the holders and the browsers inside exit, killed or not, the
 * kernel destroys the namespaces, and the veth pair and any queueing discipline on it go with them.
 *
 * Signalling does not cross the veth: each holder listens on its own loopback at the server's port and hands
 * the listening socket to this process, which forwards its connections to the server on the machine's
 * loopback. So the extension reaches the server at the URL it was built with, and cutting the veth cuts
 * media only. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) and iproute2.
 */

/** The veth's two ends: private to the namespaces, so they cannot clash with anything on the machine. */
export const LINK_ADDRESSES = ['10.0.0.1', '10.0.0.2'] as const;
const LINK = 'eth0';

/** CommonJS for `node -e`: bring the loopback up, listen on it, hand the socket over, exit with the parent. */
const HOLDER = `
require('node:child_process').execFileSync('ip', ['link', 'set', 'lo', 'up']);
const server = require('node:net').createServer();
server.listen(Number(process.argv[1]), '127.0.0.1', () => process.send('listening', server, () => server.close()));
process.on('disconnect', () => process.exit());
`;

interface Holder {
  pid: number;
  process: ChildProcess;
  socket: net.Server;
}

function holdNamespace(port: number): Promise<Holder> {
  const child = spawn('unshare', ['--net', '--', process.execPath, '-e', HOLDER, String(port)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the namespace holder exited (${code}): ${stderr}`)));
    child.once('message', (_message, socket) => {
      child.removeAllListeners('exit');
      resolve({ pid: child.pid!, process: child, socket: socket as net.Server });
    });
  });
}

/** Each connection to the namespace's loopback goes on to the same port on the machine's loopback. */
function forward(holder: Holder, port: number) {
  holder.socket.on('connection', (inside) => {
    const outside = net.connect(port, '127.0.0.1');
    for (const [from, to] of [[inside, outside], [outside, inside]] as const) {
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
}

/** Runs a command in the holder's namespace. */
function inside(holder: Holder, ...command: string[]): void {
  try {
    execFileSync('nsenter', [`--net=/proc/${holder.pid}/ns/net`, '--', ...command], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
    throw new Error(`${command.join(' ')} failed in a test namespace (needs root and iproute2): ${stderr}`, { cause: error });
  }
}

export interface LinkedNamespaces {
  /** Processes whose network namespaces the two browsers join (LaunchOptions.netns). */
  alice: number;
  bob: number;
  /** The kernel's ids (inode numbers) of the two namespaces, to prove afterwards that they are gone. */
  ids: number[];
  /** Every packet either end sends on the veth is dropped, silently, as on a path that went dead. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function linkedNamespaces(serverPort: number): Promise<LinkedNamespaces> {
  const holders = await Promise.all([holdNamespace(serverPort), holdNamespace(serverPort)]);
  const [a, b] = holders as [Holder, Holder];
  const close = async () => {
    for (const holder of holders) {
      holder.socket.close();
      if (holder.process.exitCode === null) {
        const exited = new Promise((resolve) => holder.process.once('exit', resolve));
        holder.process.disconnect();
        await exited;
      }
    }
  };
  const cut: Holder[] = [];
  try {
    // Made directly inside the two namespaces: neither end ever exists on the machine.
    execFileSync('ip', ['link', 'add', LINK, 'netns', String(a.pid), 'type', 'veth', 'peer', 'name', LINK, 'netns', String(b.pid)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    holders.forEach((holder, i) => {
      inside(holder, 'ip', 'address', 'add', `${LINK_ADDRESSES[i]}/30`, 'dev', LINK);
      inside(holder, 'ip', 'link', 'set', LINK, 'up');
      forward(holder, serverPort);
    });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    alice: a.pid,
    bob: b.pid,
    ids: holders.map((holder) => statSync(`/proc/${holder.pid}/ns/net`).ino),
    cut() {
      // This kernel has neither netem nor a drop action; a FIFO that holds no packet drops every one.
      for (const holder of holders) {
        inside(holder, 'tc', 'qdisc', 'add', 'dev', LINK, 'root', 'pfifo', 'limit', '0');
        cut.push(holder);
      }
    },
    restore() {
      for (const holder of cut.splice(0)) inside(holder, 'tc', 'qdisc', 'del', 'dev', LINK, 'root');
    },
    close,
  };
}
