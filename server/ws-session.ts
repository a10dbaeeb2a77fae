import { CLOSE_POLICY as POLICY, CLOSE_INTERNAL_ERROR as INTERNAL_ERROR } from '../lib/protocol/close-codes';
import type { RawData, WebSocket } from 'ws';
import { authenticate, SIGNED_OUT, type Authenticator } from './auth/authenticate';
import { parseClientMessage, type ClientMessage, type ServerMessage } from '../lib/protocol/wire';
import type { CallRouter } from './calls/router';
import { PolicyViolation } from './calls/policy-violation';
import type { ServerConfig } from './config';
import { describeFailure, quote, type Log } from './log';
import type { ClusterState } from './cluster/state';
import { accountOf, installOf, type Device } from './presence';
import type { ReachService } from './reach/service';
import type { PresenceWatchers } from './reach/watchers';
import { TokenBucket } from './rate-limit';
import { randomHex } from './random-hex';
import { ringProfile } from './ring-profile';
import { tellOtherDevices } from './missed-seen';
import type { OwnerLinks } from './links/owner-links';
import type { TurnBudget } from './turn-budget';

const CLOSE_GRACE_MS = 2000;

type Limits = Pick<ServerConfig, 'idleTimeoutMs' | 'helloTimeoutMs' | 'messagesPerSecond' | 'messageBurst'>;

/**
 * One `/ws` connection: hello first, then calls. Everything a client sends passes through here, so this is
 * where malformed, binary, too frequent or out-of-order messages end the connection instead of the process.
 */
export function startSession(
  socket: WebSocket,
  remote: string,
  {
    presence,
    router,
    limits,
    log,
    auth,
    reach,
    watchers,
    relay,
    links,
    proven,
    refused,
    turns,
    batch,
  }: {
    presence: ClusterState;
    router: CallRouter;
    limits: Limits;
    log: Log;
    auth: Authenticator;
    reach: ReachService;
    watchers: PresenceWatchers;
    /** Whether this server has TURN, told in the welcome. */
    relay: boolean;
    links: OwnerLinks;
    proven: (device: Device) => void;
    /** Metrics: the reason whenever the socket is closed for what it sent. */
    refused: (reason: string) => void;
    /** Shared by every socket: a burst of messages is handled over several turns of the event loop. */
    turns: TurnBudget;
    /** Runs `write`, whose messages then leave together (the TCP socket corked). */
    batch: (write: () => void) => void;
  },
): void {
  let device: Device | undefined;
  let sessionId: string | undefined;
  let detach = () => {};
  /** Settles once the hello is checked (against the database): messages sent meanwhile wait for it. */
  // One nonce per socket, signed by at most one hello: the socket closes whenever a hello fails.
  const nonce = randomHex(16);
  let closing = false;
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, Date.now());
  const idle = setTimeout(() => closeWith(1000, 'idle'), limits.idleTimeoutMs);
  // Until it signs in a socket costs a descriptor and proves nothing: it gets a short while to do so.
  const helloDeadline = setTimeout(() => closeWith(POLICY, 'no hello'), limits.helloTimeoutMs);

  const who = () => (device ? `@${device.handle}` : remote);
  const fields = () => ({ source: remote, account: device && accountOf(device) });
  /** `reason` goes to the client and must fit a close frame (123 bytes): details only go to the log. */
  function closeWith(code: number, reason: string, detail = ''): void {
    if (closing) return;
    closing = true;
    if (code === POLICY) refused(reason);
    if (code !== 1000) log.warn(`/ws ${who()} closed ${code}: ${reason}${detail && ` ${detail}`}`, fields());
    socket.close(code, reason);
    // A client that does not answer the close (a silent attacker) would hold its descriptor for ws's 30 s.
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  function receive(data: RawData): void | Promise<void> {
    if (closing) return;
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return closeWith(POLICY, 'malformed message', quote(parsed.error));
    if (!device) return hello(parsed.message);
    return dispatch(device, parsed.message);
  }

  async function hello(message: ClientMessage): Promise<void> {
    if (message.type !== 'hello') return closeWith(POLICY, 'hello first', `(${message.type})`);
    const outcome = await authenticate(auth, message, nonce);
    // The socket may have gone while the database answered.
    if (closing || socket.readyState !== socket.OPEN) return;
    if (!outcome.ok) return closeWith(outcome.code, outcome.reason, outcome.detail);
    const { handle, verified, userId, name, avatarUrl } = outcome.identity;
    sessionId = outcome.identity.sessionId;
    if (sessionId) detach = auth.sessions.attach(sessionId, (reason) => closeWith(SIGNED_OUT, 'signed out', reason));
    const profile = ringProfile({ name, avatarUrl });
    const joined: Device = {
      node: presence.node,
      id: randomHex(8),
      handle,
      userId,
      ...profile,
      ...(sessionId && { install: installOf(sessionId) }),
      send: (out: ServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(out));
      },
    };
    device = joined;
    clearTimeout(helloDeadline);
    proven(joined);
    await presence.addDevice(joined);
    // Read once the device is present, so a change made meanwhile is pushed to it too.
    const [calls, state] = await Promise.all([presence.callsOf(handle), reach.stateFor(joined)]);
    // The welcome and the account's state leave in one write: a write on loopback costs as much as the rest.
    batch(() => {
      joined.send({ type: 'welcome', self: { handle, verified, ...profile }, signIn: auth.mode, calls: calls.map((call) => call.id), relay });
      joined.send(state);
    });
    await router.deviceJoined(joined);
  }

  function dispatch(from: Device, message: ClientMessage): void | Promise<void> {
    switch (message.type) {
      case 'hello':
        return closeWith(POLICY, 'hello twice');
      case 'sign-out':
        return signOut(from, message.everywhere);
      case 'ping':
        return from.send({ type: 'pong' });
      case 'ring':
        return router.ring(from, message);
      case 'accept':
        return router.accept(from, message);
      case 'decline':
        return router.decline(from, message);
      case 'hangup':
        return router.hangup(from, message);
      case 'presence.watch':
        return watchers.watch(from, message.handles);
      case 'contact.add':
      case 'contact.remove':
      case 'block':
      case 'unblock':
      case 'request.dismiss':
      case 'settings.set':
        return reach.change(from, message);
      case 'link.create':
      case 'link.revoke':
      case 'link.list':
        return links.handle(from, message);
      case 'missed.seen':
        return tellOtherDevices(presence, from, message.upTo);
    }
  }

  function signOut(from: Device, everywhere: boolean): void {
    log.info(`/ws @${from.handle} signed out${everywhere ? ' everywhere' : ''}`, fields());
    const revoked =
      everywhere && from.userId ? auth.sessions.revokeUser(from.userId, 'signed out everywhere') : sessionId ? auth.sessions.revoke(sessionId, 'signed out') : undefined;
    void revoked?.catch((error: unknown) => log.error(`/ws @${from.handle} sign-out failed: ${describeFailure(error)}`, fields()));
    closeWith(SIGNED_OUT, 'signed out');
  }

  socket.send(JSON.stringify({ type: 'challenge', nonce, signIn: auth.mode } satisfies ServerMessage));
  function failed(error: unknown): void {
    if (error instanceof PolicyViolation) return closeWith(POLICY, 'policy violation', error.message);
    log.error(`/ws ${who()} handler failed: ${describeFailure(error)}`, fields());
    closeWith(INTERNAL_ERROR, 'internal error');
  }

  // One message at a time, in order: a ring that waits on its limit still comes before the hangup after it.
  // Messages run at once while nothing waits, so most never leave the frame's own turn.
  const waiting: RawData[] = [];
  let busy = false;
  function drain(): void {
    while (!busy && waiting.length) {
      let result: void | Promise<void>;
      try {
        result = receive(waiting.shift()!);
      } catch (error) {
        failed(error);
        continue;
      }
      if (!result) continue;
      busy = true;
      void result.catch(failed).finally(() => {
        busy = false;
        drain();
      });
    }
  }

  socket.on('message', (data, isBinary) => {
    if (closing) return;
    idle.refresh();
    // Checked as each frame arrives, so a flood never piles up in the queue.
    if (!bucket.take(Date.now())) return closeWith(POLICY, 'too many messages');
    if (isBinary) return closeWith(POLICY, 'binary frame');
    waiting.push(data);
    turns.run(drain);
  });
  // ws reports oversize frames (it closes with 1009 itself) and broken peers here; without a listener they throw.
  socket.on('error', (error) => {
    if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') refused('oversize');
    log.warn(`/ws ${who()} socket error: ${error.message}`, fields());
  });
  socket.on('close', () => {
    clearTimeout(idle);
    clearTimeout(helloDeadline);
    detach();
    // What it sent before it went still counts (a hangup's reason, a sign-out), before its calls end.
    drain();
    if (!device) return;
    watchers.unwatch(device);
    // The socket is gone: nobody waits for this, so a failure is only logged.
    void router.deviceGone(device).catch((error: unknown) => log.error(`/ws ${who()} cleanup failed: ${describeFailure(error)}`, fields()));
  });
}
