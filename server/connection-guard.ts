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
  /** Each connection, with the address it counts against (none for a trusted proxy's own connection). */
  private readonly tracked = new Map<Socket, string | undefined>();
  /**
   * When each connection still waiting for its first headers must have sent them, in the order admitted, so
   * in order of deadline: one timer serves them all, where a timer each would cost more than the
   * connection's own entry, for as long as it lives (issue 18).
   */
  private readonly headersDue = new Map<Socket, number>();
  private timer: NodeJS.Timeout | undefined;
  /** One listener for every socket (an emitter calls it with the socket as `this`). */
  private readonly closed: (this: Socket) => void;
  private readonly counts = new Map<string, number>();
  /** Connections that may be closed to make room, with when they fell silent, oldest first. */
  private readonly evictable = new Map<Socket, number>();
  private readonly loggedAt = new Map<string, number>();

  constructor(
    private readonly limits: GuardLimits,
    private readonly log: Log,
    private readonly onRefused: (reason: RefusalReason) => void = () => {},
  ) {
    const forget = (socket: Socket) => this.forget(socket);
    this.closed = function (this: Socket) {
      forget(this);
    };
  }

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
    const now = Date.now();
    this.count(socket, key);
    this.headersDue.set(socket, now + this.limits.headersTimeoutMs);
    this.timer ??= setTimeout(() => this.lateForHeaders(), this.limits.headersTimeoutMs).unref();
    this.evictable.set(socket, now);
    socket.on('close', this.closed);
  }

  /**
   * A proxied upgrade is counted against the client the proxy names; false when that client is over its cap.
   * (Proxied plain requests are not counted: they are short, and the proxy shares one connection among many.)
   */
  admitClient(socket: Socket, address: string): boolean {
    if (!this.tracked.has(socket) || this.tracked.get(socket) !== undefined) return true;
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
    this.headersDue.delete(socket);
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
    this.tracked.set(socket, key);
    if (key !== undefined) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Closes every connection past its deadline for headers, then waits for the next deadline, if any. */
  private lateForHeaders(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const [socket, due] of this.headersDue) {
      if (due > now) {
        this.timer = setTimeout(() => this.lateForHeaders(), due - now).unref();
        return;
      }
      this.headersDue.delete(socket);
      socket.destroy();
    }
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
    if (!this.tracked.has(socket)) return;
    const key = this.tracked.get(socket);
    this.tracked.delete(socket);
    this.headersDue.delete(socket);
    this.evictable.delete(socket);
    if (key === undefined) return;
    const left = (this.counts.get(key) ?? 1) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
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
