import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_POLICY } from '../../lib/protocol/close-codes';
import { MAX_GUEST_NAME, type GuestClientMessage, type LinkRefusal } from '../../lib/protocol/call-link';
import { parseGuestMessage, type ServerMessage } from '../../lib/protocol/wire';
import type { CallRouter } from '../calls/router';
import { PolicyViolation } from '../calls/policy-violation';
import type { ServerConfig } from '../config';
import { describeFailure, quote, type Log } from '../log';
import type { Device } from '../presence';
import { TokenBucket } from '../rate-limit';
import type { GuestAdmission } from './guest-admission';
import type { XUser } from '../auth/accounts';
import type { GuestXSignIn } from './guest-x-sign-in';

/** Sign in with X for guests, where the server offers it: who this socket's cookie proves, and the owner's blocks. */
export interface GuestX {
  signIn: GuestXSignIn;
  /** Read from the shared records as the socket opens; its first message waits for it. */
  identity: Promise<XUser | undefined>;
  blockedBy(owner: string, user: XUser): Promise<boolean>;
}

/** The name a verified guest rings with: X's display name as the ring allows it, else the handle. */
function ringName(user: XUser): string {
  const name = user.name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim().slice(0, MAX_GUEST_NAME).trim();
  return name || user.username;
}

type Limits = Pick<ServerConfig, 'idleTimeoutMs' | 'helloTimeoutMs' | 'turn'>;
const CLOSE_GRACE_MS = 2000;
/** A guest sends a handful of messages in all: open, ring, pings, hangup. */
const MESSAGES_PER_SECOND = 2;
const BURST = 5;

/** Guest sockets whose one call rings or goes on: a drain waits for it to end (the page cannot move it to another node). */
const calling = new WeakSet<WebSocket>();
export const guestCalling = (socket: WebSocket): boolean => calling.has(socket);

/**
 * One `/c/ws` socket: a guest opens a link, rings its owner once and takes part in that one call. Nothing
 * else is open to it; the token travels in a message, never in a URL a log could keep.
 */
export function startGuestSession(
  socket: WebSocket,
  address: string,
  { admission, router, limits, log, x }: { admission: GuestAdmission; router: CallRouter; limits: Limits; log: Log; x?: GuestX },
): void {
  let identity: XUser | undefined;
  const identified = x?.identity.then((user) => void (identity = user));
  // A store that failed is heard by the first message, which waits on this; never as an unhandled rejection.
  identified?.catch(() => {});
  /** A guest who proved to be someone the owner blocked learns only that the link cannot be used. */
  const blocked = async (owner: string) => !!identity && (await x!.blockedBy(owner, identity));
  let link: { id: string; owner: string; token: string } | undefined;
  let guest: Device | undefined;
  let closing = false;
  const bucket = new TokenBucket(MESSAGES_PER_SECOND, BURST, Date.now());
  const idle = setTimeout(() => closeWith(1000, 'idle'), limits.idleTimeoutMs);
  const openDeadline = setTimeout(() => closeWith(CLOSE_POLICY, 'no link'), limits.helloTimeoutMs);
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  function closeWith(code: number, reason: string, detail = ''): void {
    if (closing) return;
    closing = true;
    if (code !== 1000) log.warn(`/c/ws guest closed ${code}: ${reason}${detail && ` ${detail}`}`, { source: address });
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  function refuse(reason: LinkRefusal): void {
    send({ type: 'guest.refused', reason });
  }

  async function receive(message: GuestClientMessage): Promise<void> {
    await identified;
    switch (message.type) {
      case 'ping':
        return send({ type: 'pong' });
      case 'guest.open': {
        if (link) return closeWith(CLOSE_POLICY, 'opened twice');
        const opened = await admission.open(message.token, address);
        const found = opened.ok && (await blocked(opened.owner)) ? ({ ok: false, reason: 'refused' } as const) : opened;
        if (!found.ok) {
          refuse(found.reason);
          return closeWith(1000, 'refused');
        }
        clearTimeout(openDeadline);
        link = { id: found.id, owner: found.owner, token: message.token };
        const you = identity && { name: ringName(identity), handle: identity.username.toLowerCase() };
        return send({ type: 'guest.link', owner: found.owner, expiresAt: found.expiresAt, xSignIn: x !== undefined, ...(you && { you }) });
      }
      case 'guest.x-begin':
        if (!link || !x) return closeWith(CLOSE_POLICY, 'sign-in not open');
        return send({ type: 'guest.x-authorize', url: await x.signIn.begin(link.token, message.base, address) });
      case 'guest.ring': {
        if (!link) return closeWith(CLOSE_POLICY, 'ring before open');
        if (guest) return closeWith(CLOSE_POLICY, 'rang twice');
        const admitted = await admission.join(link.token, link.id, address);
        if (!admitted.ok) return refuse(admitted.reason);
        // Blocked since the page opened: refused all the same.
        if (await blocked(link.owner)) return refuse('refused');
        // Link calls are always relayed: without a relay there is no call to make.
        if (!limits.turn) return send({ type: 'ended', callId: message.callId, reason: 'relay-unavailable' });
        const linkId = link.id;
        guest = {
          node: router.node,
          id: randomBytes(8).toString('hex'),
          // Unique to this call, never an X handle (those have no colon): nothing else can name it.
          handle: `guest:${message.callId}`,
          guest: identity ? { name: ringName(identity), verified: true, handle: identity.username.toLowerCase() } : { name: message.name, verified: false },
          send: (out) => {
            if (out.type === 'accepted') void consumeOrEnd(linkId, out.callId);
            send(out);
            if (out.type === 'ended') closeWith(1000, 'call over');
          },
        };
        calling.add(socket);
        return router.ringAsGuest(guest, message.callId, link.owner, message.media);
      }
      case 'hangup':
        if (guest) await router.hangup(guest, message);
        calling.delete(socket);
        return;
    }
  }

  /** The first call through a link to connect uses it up; one that loses a race to another ends. */
  async function consumeOrEnd(linkId: string, callId: string): Promise<void> {
    if (await admission.consume(linkId)) return;
    if (guest) await router.hangup(guest, { type: 'hangup', callId });
    refuse('used');
  }

  let queue = Promise.resolve();
  socket.on('message', (data: RawData, isBinary) => {
    if (closing) return;
    idle.refresh();
    if (!bucket.take(Date.now())) return closeWith(CLOSE_POLICY, 'too many messages');
    if (isBinary) return closeWith(CLOSE_POLICY, 'binary frame');
    const parsed = parseGuestMessage(data.toString());
    if (!parsed.ok) return closeWith(CLOSE_POLICY, 'malformed message', quote(parsed.error));
    // One at a time, in order: a ring waiting on the database still comes before the hangup after it.
    queue = queue.then(() => receive(parsed.message)).catch((error: unknown) => {
      if (error instanceof PolicyViolation) return closeWith(CLOSE_POLICY, 'policy violation', error.message);
      log.error(`/c/ws guest handler failed: ${describeFailure(error)}`, { source: address });
      closeWith(1011, 'internal error');
    });
  });
  socket.on('error', (error) => log.warn(`/c/ws guest socket error: ${error.message}`, { source: address }));
  socket.on('close', () => {
    clearTimeout(idle);
    clearTimeout(openDeadline);
    if (!guest) return;
    void router.deviceGone(guest).catch((error: unknown) => log.error(`/c/ws guest cleanup failed: ${describeFailure(error)}`, { source: address }));
  });
}
