import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PeerCredentials } from './presence';

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

  mint(callId: string): PeerCredentials {
    const peerId = hex32();
    const peerToken = hex32();
    this.slots.set(peerId, { callId, token: peerToken });
    return { peerId, peerToken };
  }

  /** Live calls whose peers meet here, for /metrics: two ids each. */
  liveCalls(): number {
    return this.slots.size / 2;
  }

  callOf(peerId: string): string | undefined {
    return this.slots.get(peerId)?.callId;
  }

  /** The other peer of the same call: the only one this peer may send messages to. */
  partnerOf(peerId: string): string | undefined {
    const callId = this.callOf(peerId);
    for (const [other, slot] of this.slots) if (other !== peerId && slot.callId === callId) return other;
    return undefined;
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
    socket.once('close', () => {
      if (slot.socket === socket) slot.socket = undefined;
    });
  }

  /** The call is over: the id admits nobody from now on, and whoever holds it is disconnected. */
  forget(peerId: string): void {
    const slot = this.slots.get(peerId);
    if (!slot) return;
    this.slots.delete(peerId);
    slot.socket?.close(1000, 'call ended');
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
