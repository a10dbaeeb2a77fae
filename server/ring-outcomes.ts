import type { ClientMessage, ServerMessage } from '../lib/protocol/wire';
import type { ServerMetrics } from './metrics';

/** What one `/ws` socket's messages say about the rings it started; ws-session feeds it both ways. */
export interface RingObserver {
  received(message: ClientMessage): void;
  sent(message: ServerMessage): void;
  closed(): void;
}

/**
 * Counts each ring once, on the caller's socket, whatever node the callee is on: the caller is told every
 * outcome (`accepted`, or `ended` with the reason) except the one it makes itself, cancelling, which is its own
 * hangup or its socket closing while the ring rings. Its `ringing` comes once the ring has gone to every
 * callee device, so the time from the ring's arrival to it is the delivery latency. The router stays as it is.
 */
export function ringObserver(metrics: Pick<ServerMetrics, 'ringOutcome' | 'ringDelivered'>, now = () => performance.now()): RingObserver {
  /** This socket's rings not yet decided: when each arrived, and whether it rings. */
  const rings = new Map<string, { at: number; ringing: boolean }>();
  const settle = (callId: string, outcome: Parameters<typeof metrics.ringOutcome>[0]) => {
    rings.delete(callId);
    metrics.ringOutcome(outcome);
  };
  return {
    received(message) {
      if (message.type === 'ring') rings.set(message.callId, { at: now(), ringing: false });
      else if (message.type === 'hangup' && rings.get(message.callId)?.ringing) settle(message.callId, 'cancelled');
    },
    sent(message) {
      if (!('callId' in message) || !rings.has(message.callId)) return;
      const ring = rings.get(message.callId)!;
      if (message.type === 'ringing' && !ring.ringing) {
        ring.ringing = true;
        metrics.ringDelivered(now() - ring.at);
      } else if (message.type === 'accepted') settle(message.callId, 'answered');
      else if (message.type === 'ended') settle(message.callId, message.reason);
    },
    closed() {
      for (const ring of rings.values()) if (ring.ringing) metrics.ringOutcome('cancelled');
      rings.clear();
    },
  };
}
