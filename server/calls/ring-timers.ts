/**
 * This node's timers for rings: each ring's lifetime, set by the node that made the ring, and the grace a
 * ring waits when its last callee device left, for one to return. Timers stay on the node that set them.
 */
export class RingTimers {
  private readonly rings = new Map<string, NodeJS.Timeout>();
  private readonly graces = new Map<string, NodeJS.Timeout>();

  ring(callId: string, ms: number, expire: () => void): void {
    this.rings.set(callId, setTimeout(expire, ms));
  }

  /** The ring's lifetime is over (its timer fired, or another node saw it overdue). */
  ringOver(callId: string): void {
    this.rings.delete(callId);
  }

  grace(callId: string, ms: number, over: () => void): void {
    this.graces.set(
      callId,
      setTimeout(() => {
        this.graces.delete(callId);
        over();
      }, ms),
    );
  }

  /** A callee device came back: the ring rings on, without the grace. */
  stopGrace(callId: string): void {
    clearTimeout(this.graces.get(callId));
    this.graces.delete(callId);
  }

  /** The ring was answered or the call ended: nothing of it stays scheduled. */
  stop(callId: string): void {
    clearTimeout(this.rings.get(callId));
    this.rings.delete(callId);
    this.stopGrace(callId);
  }

  /** Rings this node set a timer for, for /metrics. */
  get ringing(): number {
    return this.rings.size;
  }

  /** Stops every timer so a closed server leaves nothing scheduled. */
  shutdown(): void {
    for (const timers of [this.rings, this.graces]) {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    }
  }
}
