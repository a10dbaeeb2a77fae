import type { WebSocket } from 'ws';
import { CLOSE_GOING_AWAY } from '../lib/protocol/close-codes';
import type { ClusterState } from './cluster/state';
import { same, type Device } from './presence';

/** The device rings, is rung, or talks: closing its socket would end that call, so a drain waits for it. */
export async function inCall(state: ClusterState, device: Device): Promise<boolean> {
  const calls = await state.callsOf(device.handle);
  return calls.some((call) => same(call.caller, device) || (call.phase === 'ringing' ? call.ringing.some((d) => same(d, device)) : same(call.answeredBy, device)));
}

export interface DrainParts {
  /** The `/ws` sockets still open. */
  sockets(): Iterable<WebSocket>;
  /** True while the socket's device takes part in a call. */
  busy(socket: WebSocket): boolean | Promise<boolean>;
  deadlineMs: number;
  pollMs?: number;
}

/**
 * Sends every client elsewhere (close 1001: it reconnects with its backoff, through the balanced address):
 * at once when it is in no call, as soon as its call ends otherwise, and at the deadline whatever it is
 * doing. Resolves with how many were cut off mid-call, once the last close has been answered (or 2 s on).
 */
export async function drainSockets({ sockets, busy, deadlineMs, pollMs = 250 }: DrainParts): Promise<{ cutShort: number }> {
  const deadline = Date.now() + deadlineMs;
  let cutShort = 0;
  for (;;) {
    const late = Date.now() >= deadline;
    let waiting = 0;
    for (const socket of sockets()) {
      if (socket.readyState !== socket.OPEN) continue;
      if (!(await busy(socket))) socket.close(CLOSE_GOING_AWAY, 'server moving');
      else if (late) {
        cutShort += 1;
        socket.close(CLOSE_GOING_AWAY, 'server moving');
      } else waiting += 1;
    }
    if (waiting === 0) break;
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
  const answered = Date.now() + 2_000;
  while ([...sockets()].length > 0 && Date.now() < answered) await sleep(50);
  return { cutShort };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
