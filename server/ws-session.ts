import type { Socket } from 'node:net';
import { WebSocket, type RawData } from 'ws';
import { CLOSE_POLICY as POLICY, CLOSE_INTERNAL_ERROR as INTERNAL_ERROR } from '../lib/protocol/close-codes';
import { parseClientMessage, type ClientMessage, type ServerMessage } from '../lib/protocol/wire';
import { authenticate, SIGNED_OUT, type Authenticator } from './auth/authenticate';
import type { CallRouter } from './calls/router';
import { PolicyViolation } from './calls/policy-violation';
import type { ClusterState } from './cluster/state';
import type { ServerConfig } from './config';
import { corked } from './corked';
import type { OwnerLinks } from './links/owner-links';
import { describeFailure, quote, type Log } from './log';
import { randomHex } from './random-hex';
import type { ReachService } from './reach/service';
import type { PresenceWatchers } from './reach/watchers';
import { ringProfile } from './ring-profile';
import { monotonicMs, type RingSockets } from './ring-sockets';
import { takeToken } from './rate-limit';
import type { TurnBudget } from './turn-budget';
import { accountOf, installOf, type Device } from './presence';
import { SocketDevice } from './socket-device';
import { dispatch } from './session-dispatch';

const CLOSE_GRACE_MS = 2000;

export type SessionLimits = Pick<ServerConfig, 'idleTimeoutMs' | 'helloTimeoutMs' | 'messagesPerSecond' | 'messageBurst'>;

/** What every `/ws` session uses, made once per server. */
export interface SessionServices {
  presence: ClusterState;
  router: CallRouter;
  limits: SessionLimits;
  log: Log;
  auth: Authenticator;
  reach: ReachService;
  watchers: PresenceWatchers;
  /** Whether this server has TURN, told in the welcome. */
  relay: boolean;
  links: OwnerLinks;
  /** Metrics: the reason whenever the socket is closed for what it sent. */
  refused: (reason: string) => void;
  /** Shared by every socket: a burst of messages is handled over several turns of the event loop. */
  turns: TurnBudget;
  /** Every open session, whose deadlines it checks. */
  open: RingSockets;
}

/**
 * One `/ws` connection and its session, in one object: ws makes it (its server's `WebSocket` option), its
 * listeners are shared by every socket and its deadlines are checked by one sweep (`RingSockets`). A person
 * signed in and idle then costs a socket and a few fields, not a dozen closures and three timers each (issue
 * 18: 6.2 KiB of heap a person before, against the stock PeerServer's 3.2).
 *
 * Everything a client sends passes through here, so this is where malformed, binary, too frequent or
 * out-of-order messages end the connection instead of the process.
 */
export class RingSocket extends WebSocket {
  device: Device | undefined = undefined;
  private services!: SessionServices;
  private tcp!: Socket;
  private remote = '';
  sessionId: string | undefined = undefined;
  /** One per socket, signed by at most one hello: the socket closes whenever a hello fails. Dropped once used. */
  private nonce: string | undefined = undefined;
  private closing = false;
  /** Its token bucket (`takeToken`), and the times below, in `monotonicMs`. */
  tokens = 0;
  refilledAt = 0;
  private heardAt = 0;
  /** Until it signs in a socket costs a descriptor and proves nothing: it gets a short while to do so. */
  private helloBy = 0;
  /**
   * One message at a time, in order: a ring that waits on its limit still comes before the hangup after it.
   * None while nothing waits: an array keeps its grown storage, about 150 bytes a person.
   */
  private waiting: RawData[] | undefined = undefined;
  private busy = false;

  /** Sends the challenge and listens; `tcp` is this socket's connection, corked for the welcome. */
  start(services: SessionServices, tcp: Socket, remote: string, now = monotonicMs()): void {
    this.services = services;
    this.tcp = tcp;
    this.remote = remote;
    this.tokens = services.limits.messageBurst * 1000;
    this.refilledAt = this.heardAt = now;
    this.helloBy = now + services.limits.helloTimeoutMs;
    this.nonce = randomHex(16);
    this.on('message', heard);
    this.on('error', failedSocket);
    this.on('close', closed);
    services.open.add(this);
    this.send(JSON.stringify({ type: 'challenge', nonce: this.nonce, signIn: services.auth.mode } satisfies ServerMessage));
  }

  /** Called by the sweep: closes a socket past its hello deadline or silent past the idle timeout. */
  expire(now: number): void {
    if (this.helloBy && now >= this.helloBy) this.closeWith(POLICY, 'no hello');
    else if (now - this.heardAt >= this.services.limits.idleTimeoutMs) this.closeWith(1000, 'idle');
  }

  /** `reason` goes to the client and must fit a close frame (123 bytes): details only go to the log. */
  closeWith(code: number, reason: string, detail = ''): void {
    if (this.closing) return;
    this.closing = true;
    if (code === POLICY) this.services.refused(reason);
    if (code !== 1000) this.services.log.warn(`/ws ${this.who()} closed ${code}: ${reason}${detail && ` ${detail}`}`, this.fields());
    this.close(code, reason);
    // A client that does not answer the close (a silent attacker) would hold its descriptor for ws's 30 s.
    setTimeout(() => this.terminate(), CLOSE_GRACE_MS).unref();
  }

  frame(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    const now = monotonicMs();
    this.heardAt = now;
    // Checked as each frame arrives, so a flood never piles up in the queue.
    const { messagesPerSecond, messageBurst } = this.services.limits;
    if (!takeToken(this, messagesPerSecond, messageBurst, now)) return this.closeWith(POLICY, 'too many messages');
    if (isBinary) return this.closeWith(POLICY, 'binary frame');
    (this.waiting ??= []).push(data);
    this.services.turns.run(() => this.drain());
  }

  gone(): void {
    this.services.open.delete(this);
    if (this.sessionId) this.services.auth.sessions.detach(this.sessionId, this);
    // What it sent before it went still counts (a hangup's reason, a sign-out), before its calls end.
    this.drain();
    const device = this.device;
    if (!device) return;
    this.services.watchers.unwatch(device);
    // The socket is gone: nobody waits for this, so a failure is only logged.
    void this.services.router.deviceGone(device).catch((error: unknown) => this.services.log.error(`/ws ${this.who()} cleanup failed: ${describeFailure(error)}`, this.fields()));
  }

  /** The session was signed out, here or on another node. */
  signedOut(reason: string): void {
    this.closeWith(SIGNED_OUT, 'signed out', reason);
  }

  /** Messages run at once while nothing waits, so most never leave the frame's own turn. */
  private drain(): void {
    while (!this.busy && this.waiting) {
      const data = this.waiting.shift()!;
      if (!this.waiting.length) this.waiting = undefined;
      let result: void | Promise<void>;
      try {
        result = this.receive(data);
      } catch (error) {
        this.failed(error);
        continue;
      }
      if (!result) continue;
      this.busy = true;
      void result
        .catch((error: unknown) => this.failed(error))
        .finally(() => {
          this.busy = false;
          this.drain();
        });
    }
  }

  private receive(data: RawData): void | Promise<void> {
    if (this.closing) return;
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return this.closeWith(POLICY, 'malformed message', quote(parsed.error));
    if (!this.device) return this.hello(parsed.message);
    return dispatch(this.services, this, this.device, parsed.message);
  }

  private async hello(message: ClientMessage): Promise<void> {
    if (message.type !== 'hello') return this.closeWith(POLICY, 'hello first', `(${message.type})`);
    const { presence, auth, reach, router, relay } = this.services;
    const outcome = await authenticate(auth, message, this.nonce!);
    // The socket may have gone while the database answered.
    if (this.closing || this.readyState !== WebSocket.OPEN) return;
    if (!outcome.ok) return this.closeWith(outcome.code, outcome.reason, outcome.detail);
    const { handle, verified, userId, name, avatarUrl, sessionId } = outcome.identity;
    this.sessionId = sessionId;
    if (sessionId) auth.sessions.attach(sessionId, this);
    const profile = ringProfile({ name, avatarUrl });
    const joined = new SocketDevice(this, { node: presence.node, id: randomHex(8), handle, userId, ...profile, install: sessionId && installOf(sessionId) });
    this.device = joined;
    this.helloBy = 0;
    this.nonce = undefined;
    await presence.addDevice(joined);
    // Read once the device is present, so a change made meanwhile is pushed to it too.
    const [calls, state] = await Promise.all([presence.callsOf(handle), reach.stateFor(joined)]);
    // The welcome and the account's state leave in one write: a write on loopback costs as much as the rest.
    corked(this.tcp, () => {
      joined.send({ type: 'welcome', self: { handle, verified, ...profile }, signIn: auth.mode, calls: calls.map((call) => call.id), relay });
      joined.send(state);
    });
    await router.deviceJoined(joined);
  }

  /** ws reports oversize frames (it closes with 1009 itself) and broken peers here; without a listener they throw. */
  socketError(error: Error): void {
    if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.services.refused('oversize');
    this.services.log.warn(`/ws ${this.who()} socket error: ${error.message}`, this.fields());
  }

  private failed(error: unknown): void {
    if (error instanceof PolicyViolation) return this.closeWith(POLICY, 'policy violation', error.message);
    this.services.log.error(`/ws ${this.who()} handler failed: ${describeFailure(error)}`, this.fields());
    this.closeWith(INTERNAL_ERROR, 'internal error');
  }

  who(): string {
    return this.device ? `@${this.device.handle}` : this.remote;
  }

  fields(): { source: string; account?: string } {
    return { source: this.remote, account: this.device && accountOf(this.device) };
  }
}

// Shared by every socket: an emitter calls its listeners with itself as `this`, which ws types as its own class.
function heard(this: WebSocket, data: RawData, isBinary: boolean): void {
  (this as RingSocket).frame(data, isBinary);
}

function failedSocket(this: WebSocket, error: Error): void {
  (this as RingSocket).socketError(error);
}

function closed(this: WebSocket): void {
  (this as RingSocket).gone();
}
