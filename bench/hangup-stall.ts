import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { befriend, Client } from '../tests/server/client';

/**
 * How long one node's event loop stalls when every live call on it hangs up at once (issue 18: under 100 ms).
 * `npx tsx bench/hangup-stall.ts [calls]` (default 3000): a server child with bench/loop-probe.ts loaded, then
 * CALLS calls set up for real from this process (sign-in, contacts, ring, accept, both PeerJS peers open),
 * then every caller sends its hangup in the same tick. Prints the server's longest event-loop delay during the
 * hang-up, and checks that every callee heard it and every peer socket closed. BENCH_NODE_FLAGS (e.g.
 * `--cpu-prof`) and BENCH_PROBE (one more module to --import) go to the server's node, for profiling.
 */
const CALLS = Number(process.argv[2] ?? 3000);
const BATCH = 50;

const child = spawn('node', [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', '--import', './bench/loop-probe.ts', ...(process.env.BENCH_PROBE ? ['--import', process.env.BENCH_PROBE] : []), 'server/main.ts'], {
  env: { ...process.env, PORT: '0', CONNECTIONS_PER_ADDRESS: '100000', RING_TIMEOUT_MS: '600000' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
// Whatever happens here (a refused peer, a timeout), the server goes with this process.
process.on('exit', () => child.kill('SIGINT'));
let stderr = '';
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
const url = await new Promise<string>((resolve, reject) => {
  child.stdout.on('data', (chunk: Buffer) => {
    const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
});
const wsUrl = url.replace(/^http/, 'ws');

interface Call {
  caller: Client;
  callee: Client;
  callId: string;
  peers: WebSocket[];
}

function peer(peerId: string, peerToken: string): Promise<WebSocket> {
  const socket = new WebSocket(`${wsUrl}/peerjs/peerjs?key=peerjs&id=${peerId}&token=${peerToken}`);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => (String(data).includes('OPEN') ? resolve(socket) : reject(new Error(String(data)))));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`peer refused ${res.statusCode}`)));
  });
}

async function setUp(i: number): Promise<Call> {
  const [caller, callee] = await Promise.all([Client.signIn(wsUrl, `stall_a${i}`), Client.signIn(wsUrl, `stall_b${i}`)]);
  await befriend(caller, callee);
  const callId = caller.ring(callee.handle, 'audio');
  await callee.next('ring', 30_000);
  callee.send({ type: 'accept', callId, media: 'audio' });
  const answered = await callee.next('answered', 30_000);
  const calleePeer = await peer(answered.peerId, answered.peerToken);
  const accepted = await caller.next('accepted', 30_000);
  return { caller, callee, callId, peers: [calleePeer, await peer(accepted.peerId, accepted.peerToken)] };
}

const probe = async () => {
  const before = stderr.length;
  child.kill('SIGUSR2');
  for (;;) {
    const line = /loop-probe (max=\S+ p99=\S+ cpu=\S+)/.exec(stderr.slice(before));
    if (line) return line[1]!;
    await sleep(20);
  }
};

const calls: Call[] = [];
const setupStart = Date.now();
for (let i = 0; i < CALLS; i += BATCH) {
  calls.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, CALLS - i) }, (_, j) => setUp(i + j)))));
}
console.log(`${calls.length} live calls (${calls.length * 2} /ws and ${calls.length * 2} /peerjs sockets) set up in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
await sleep(1000);
console.log(`server event loop while idle with the calls: ${await probe()}`);

const closed = calls.flatMap((call) => call.peers.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));
const told = calls.map((call) => call.callee.until('ended', (m) => m.callId === call.callId, 60_000));
const hangupStart = Date.now();
for (const call of calls) call.caller.send({ type: 'hangup', callId: call.callId });
const reasons = await Promise.all(told);
await Promise.all(closed);
const settled = Date.now() - hangupStart;
await sleep(500);
console.log(`server event loop during the hang-up of all ${calls.length} calls: ${await probe()}`);
console.log(`all callees told (${new Set(reasons.map((m) => m.reason)).size === 1 ? reasons[0]!.reason : 'mixed reasons'}), all ${closed.length} peer sockets closed, ${settled} ms after the hangups were sent`);

for (const call of calls) {
  call.caller.socket.terminate();
  call.callee.socket.terminate();
}
child.kill('SIGINT');
