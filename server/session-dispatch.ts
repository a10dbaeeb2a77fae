import { CLOSE_POLICY as POLICY } from '../lib/protocol/close-codes';
import type { ClientMessage } from '../lib/protocol/wire';
import { SIGNED_OUT } from './auth/authenticate';
import { describeFailure } from './log';
import { tellOtherDevices } from './missed-seen';
import type { Device } from './presence';
import type { RingSocket, SessionServices } from './ws-session';

/** Where each message of a signed-in `/ws` socket goes. */
export function dispatch(services: SessionServices, socket: RingSocket, from: Device, message: ClientMessage): void | Promise<void> {
  const { router, reach, watchers, links, presence } = services;
  switch (message.type) {
    case 'hello':
      return socket.closeWith(POLICY, 'hello twice');
    case 'sign-out':
      return signOut(services, socket, from, message.everywhere);
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

function signOut({ auth, log }: SessionServices, socket: RingSocket, from: Device, everywhere: boolean): void {
  log.info(`/ws @${from.handle} signed out${everywhere ? ' everywhere' : ''}`, socket.fields());
  const revoked =
    everywhere && from.userId ? auth.sessions.revokeUser(from.userId, 'signed out everywhere') : socket.sessionId ? auth.sessions.revoke(socket.sessionId, 'signed out') : undefined;
  void revoked?.catch((error: unknown) => log.error(`/ws @${from.handle} sign-out failed: ${describeFailure(error)}`, socket.fields()));
  socket.closeWith(SIGNED_OUT, 'signed out');
}
