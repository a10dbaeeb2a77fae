import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { WindowToBackground, type BackgroundToWindow, type CallIntent } from '@/lib/messages/call-port';
import type { CallRecord } from '@/lib/call-log/call-log';
import type { ClientMessage, ServerMessage } from '@/lib/protocol/wire';

type Port = Runtime.Port;

/**
 * The open call windows and the call each one holds. Lives in memory only: when the worker restarts,
 * the windows' ports break and each window reconnects and says which call it holds.
 */
export type CallPorts = ReturnType<typeof createCallPorts>;

export function createCallPorts(deps: {
  takeIntent: () => Promise<CallIntent | null>;
  send: (message: ClientMessage) => boolean;
  isLinked: () => boolean;
  record: (record: CallRecord) => Promise<void>;
}) {
  const callsByPort = new Map<Port, Set<string>>();
  /** Sent while the server link was down; the worker keeps them until it is back. */
  let unsent: ClientMessage[] = [];
  /** Calls whose messages went out again on the last reconnect: the server learns of them after its welcome. */
  let resent = new Set<string>();

  function post(port: Port, message: BackgroundToWindow) {
    port.postMessage(message);
  }

  function accept(port: Port) {
    callsByPort.set(port, new Set());
    port.onDisconnect.addListener(() => callsByPort.delete(port));
    port.onMessage.addListener(async (raw: unknown) => {
      const parsed = v.safeParse(WindowToBackground, raw);
      if (!parsed.success) {
        port.disconnect();
        return;
      }
      const message = parsed.output;
      const calls = callsByPort.get(port);
      if (!calls) return;
      if (message.type === 'hello') {
        if (message.callId) calls.add(message.callId);
        const intent = message.callId ? null : await deps.takeIntent();
        if (intent) calls.add(intent.kind === 'dial' ? intent.callId : intent.ring.callId);
        post(port, { type: 'intent', intent });
        post(port, { type: 'link', connected: deps.isLinked() });
        return;
      }
      if (message.type === 'ended') {
        await deps.record(message.record);
        return;
      }
      if (message.type === 'ring') calls.add(message.callId);
      if (!calls.has(message.callId)) return;
      if (!deps.send(message)) {
        unsent.push(message);
        post(port, { type: 'link', connected: false });
      }
    });
  }

  return {
    accept,
    held(): string[] {
      return [...callsByPort.values()].flatMap((calls) => [...calls]).filter((callId) => !resent.has(callId));
    },
    holds(callId: string): boolean {
      return [...callsByPort.values()].some((calls) => calls.has(callId));
    },
    /** Returns whether some window holds this call. */
    deliver(message: Extract<ServerMessage, { callId: string }>): boolean {
      let delivered = false;
      for (const [port, calls] of callsByPort) {
        if (!calls.has(message.callId)) continue;
        post(port, { type: 'server', message });
        delivered = true;
      }
      return delivered;
    },
    /** Some call window is open and will take the next call offered. */
    anyOpen(): boolean {
      return callsByPort.size > 0;
    },
    /** A call window that is already open gets the new call; a window still opening takes it in its hello. */
    offerIntent(intent: CallIntent): boolean {
      const callId = intent.kind === 'dial' ? intent.callId : intent.ring.callId;
      for (const [port, calls] of callsByPort) {
        calls.add(callId);
        post(port, { type: 'intent', intent });
      }
      return callsByPort.size > 0;
    },
    linkChanged(connected: boolean) {
      if (connected) resent = new Set(unsent.flatMap((message) => ('callId' in message ? [message.callId] : [])));
      if (connected) unsent = unsent.filter((message) => !deps.send(message));
      for (const port of callsByPort.keys()) post(port, { type: 'link', connected });
    },
  };
}
