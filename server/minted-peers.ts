import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PeerCredentials } from './presence';

/** How a peer socket closes when its call is over (RFC 6455's normal closure): server/peer-gate.ts closes it at once. */
export const CALL_ENDED = 1000;

interface Slot {
  callId: string;
  token: string;
  socket?: WebSocket;
}

/**
 * Peer ids the server handed out for live calls. `peer` itself gives an id to whoever connects first, so
 * this registry is what makes a peer id useless to anyone but the device it was minted for.
 */
export class MintedPeers {
  private readonly slots = new Map<string, Slot>();
  /** Each call's ids, so a peer finds its partner without a scan of every call on the node. */
  private readonly byCall = new Map<string, string[]>();
  private connected = 0;

  mint(callId: string): PeerCredentials {
    const peerId = hex32();
    const peerToken = hex32();
    this.slots.set(peerId, { callId, token: peerToken });
    this.byCall.set(callId, [...(this.byCall.get(callId) ?? []), peerId]);
    return { peerId, peerToken };
  }

  /** Live calls whose peers meet here, for /metrics: two ids each. */
  liveCalls(): number {
    return this.slots.size / 2;
  }

  /** Ids minted and not yet connected: sockets already promised to calls, which the node must keep room for. */
  awaited(): number {
    return Math.max(0, this.slots.size - this.connected);
  }

  callOf(peerId: string): string | undefined {
    return this.slots.get(peerId)?.callId;
  }

  /** The other peer of the same call: the only one this peer may send messages to. */
  partnerOf(peerId: string): string | undefined {
    const callId = this.callOf(peerId);
    return callId === undefined ? undefined : this.byCall.get(callId)?.find((other) => other !== peerId);
  }

  isConnected(peerId: string): boolean {
    return this.slots.get(peerId)?.socket !== undefined;
  }

  /** Minted, not yet ended, the right token, and nobody already connected with it. */
  admits(peerId: string, token: string): boolean {
    const slot = this.slots.get(peerId);
    return slot !== undefined && slot.socket === undefined && sameSecret(slot.token, token);
  }

  /** Remembers the admitted socket so ending the call can close it; the id is free again once it closes. */
  attach(peerId: string, socket: WebSocket): void {
    const slot = this.slots.get(peerId);
    if (!slot) return;
    slot.socket = socket;
    this.connected += 1;
    socket.once('close', () => {
      this.connected -= 1;
      if (slot.socket === socket) slot.socket = undefined;
    });
  }

  /** The call is over: the id admits nobody from now on, and whoever holds it is disconnected. */
  forget(peerId: string): void {
    const slot = this.slots.get(peerId);
    if (!slot) return;
    this.slots.delete(peerId);
    const left = this.byCall.get(slot.callId)?.filter((other) => other !== peerId) ?? [];
    if (left.length) this.byCall.set(slot.callId, left);
    else this.byCall.delete(slot.callId);
    slot.socket?.close(CALL_ENDED, 'call ended');
  }
}

function hex32(): string {
  return randomBytes(16).toString('hex');
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
