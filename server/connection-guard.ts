import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isTrustedProxy, quotaKey } from './client-address';
import type { Log } from './log';
import type { RefusalReason } from './metrics';

export interface GuardLimits {
  /** Open connections per client address. */
  perAddress: number;
  /** Open connections in all: the descriptors left once the process's own reserve is set aside. */
  total: number;
  /** From accept to the end of the first request's headers. */
  headersTimeoutMs: number;
  trustedProxies: readonly string[];
}

interface Tracked {
  /** The address this connection counts against; none for a trusted proxy's own connection. */
  key?: string;
  deadline?: NodeJS.Timeout;
}

const REFUSAL = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 60\r\nContent-Length: 0\r\n\r\n';
const LOG_EVERY_MS = 60_000;
/** An honest client's request follows its connection within milliseconds: one this young is on its way, not silent. */
const SILENT_AFTER_MS = 1000;

/**
 * Every TCP connection passes here first. A connection has a deadline for its first request's headers and
 * counts against its address's cap. One that has sent nothing for a second, or a kept-alive connection idle
 * as long, may be evicted, oldest first, to make room: a crowd of silent sockets cannot keep `/healthz` or a
 * real sign-in out, and the process never runs out of descriptors. A WebSocket mid-sign-in is never evicted
 * (its hello deadline bounds it): past the cap with nobody silent, the newcomer gets a 503 with Retry-After.
 */
export class ConnectionGuard {
  private readonly tracked = new Map<Socket, Tracked>();
  private readonly counts = new Map<string, number>();
  /** Connections that may be closed to make room, with when they fell silent, oldest first. */
  private readonly evictable = new Map<Socket, number>();
  private readonly loggedAt = new Map<string, number>();

  constructor(
    private readonly limits: GuardLimits,
    private readonly log: Log,
    private readonly onRefused: (reason: RefusalReason) => void = () => {},
  ) {}

  /** A new TCP connection: admitted, or refused at once with a 503. */
  admit(socket: Socket): void {
    const remote = socket.remoteAddress ?? 'unknown';
    const key = isTrustedProxy(remote, this.limits.trustedProxies) ? undefined : quotaKey(remote);
    if (key !== undefined && (this.counts.get(key) ?? 0) >= this.limits.perAddress) {
      return this.refuse(socket, key, `over ${this.limits.perAddress} connections from one address`, 'per_address');
    }
    if (this.tracked.size >= this.limits.total && !this.evictOldest()) {
      return this.refuse(socket, remote, `all ${this.limits.total} connections in use`, 'server_full');
    }
    const tracked: Tracked = {
      deadline: setTimeout(() => socket.destroy(), this.limits.headersTimeoutMs),
    };
    this.tracked.set(socket, tracked);
    this.count(socket, key);
    this.evictable.set(socket, Date.now());
    socket.once('close', () => this.forget(socket));
  }

  /**
   * A proxied upgrade is counted against the client the proxy names; false when that client is over its cap.
   * (Proxied plain requests are not counted: they are short, and the proxy shares one connection among many.)
   */
  admitClient(socket: Socket, address: string): boolean {
    const tracked = this.tracked.get(socket);
    if (!tracked || tracked.key !== undefined) return true;
    const client = quotaKey(address);
    if ((this.counts.get(client) ?? 0) >= this.limits.perAddress) {
      this.logOnce(client, `over ${this.limits.perAddress} connections from one address`);
      return false;
    }
    this.count(socket, client);
    return true;
  }

  /** Headers arrived: the deadline is met, and a request being served is not evicted. */
  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.headersArrived(socket);
    this.evictable.delete(socket);
    res.once('close', () => {
      // Kept alive and idle again: the youngest candidate for eviction.
      if (this.tracked.has(socket)) this.evictable.set(socket, Date.now());
    });
  }

  /** An upgrade's headers arrived: from here its own deadline (a hello's, a peer's admission) bounds it. */
  headersArrived(socket: Socket): void {
    clearTimeout(this.tracked.get(socket)?.deadline);
    this.evictable.delete(socket);
  }

  /** Whether `count` more connections could be kept, once every silent connection made room. */
  hasRoomFor(count: number): boolean {
    return this.tracked.size - this.evictable.size + count <= this.limits.total;
  }

  get open(): number {
    return this.tracked.size;
  }

  private count(socket: Socket, key: string | undefined): void {
    const tracked = this.tracked.get(socket)!;
    tracked.key = key;
    if (key !== undefined) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private evictOldest(): boolean {
    const [entry] = this.evictable;
    if (!entry || Date.now() - entry[1] < SILENT_AFTER_MS) return false;
    const [oldest] = entry;
    this.forget(oldest);
    oldest.destroy();
    return true;
  }

  private forget(socket: Socket): void {
    const tracked = this.tracked.get(socket);
    if (!tracked) return;
    clearTimeout(tracked.deadline);
    this.tracked.delete(socket);
    this.evictable.delete(socket);
    if (tracked.key === undefined) return;
    const left = (this.counts.get(tracked.key) ?? 1) - 1;
    if (left > 0) this.counts.set(tracked.key, left);
    else this.counts.delete(tracked.key);
  }

  private refuse(socket: Socket, address: string, why: string, reason: RefusalReason): void {
    this.onRefused(reason);
    this.logOnce(address, why);
    socket.on('error', () => {});
    socket.end(REFUSAL);
    socket.destroySoon();
  }

  /** Once per address per minute: a flood of refusals is one line, never silence and never a line each. */
  private logOnce(address: string, why: string): void {
    const now = Date.now();
    if (now - (this.loggedAt.get(address) ?? -Infinity) < LOG_EVERY_MS) return;
    if (this.loggedAt.size > 10_000) {
      for (const [a, at] of this.loggedAt) if (now - at >= LOG_EVERY_MS) this.loggedAt.delete(a);
    }
    this.loggedAt.set(address, now);
    this.log.warn(`connections from ${address} refused: ${why}`, { source: address });
  }
}
