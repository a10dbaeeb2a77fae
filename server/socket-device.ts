import { WebSocket } from 'ws';
import type { ServerMessage } from '../lib/protocol/wire';
import type { Device, DeviceInfo } from './presence';

/**
 * A device signed in on one of this node's sockets. The socket is a private field, so it stays out of every
 * copy made of the device's fields (a call record, a ring snapshot, JSON for Redis), and `send` lives on the
 * prototype: one function for every device, not a closure each.
 */
export class SocketDevice implements Device {
  readonly node: string;
  readonly id: string;
  readonly handle: string;
  readonly userId: string | undefined;
  readonly name: string | undefined;
  readonly avatarUrl: string | undefined;
  readonly install: string | undefined;
  readonly #socket: WebSocket;

  constructor(socket: WebSocket, { node, id, handle, userId, name, avatarUrl, install }: Omit<DeviceInfo, 'guest'>) {
    this.#socket = socket;
    this.node = node;
    this.id = id;
    this.handle = handle;
    this.userId = userId;
    this.name = name;
    this.avatarUrl = avatarUrl;
    this.install = install;
  }

  send(message: ServerMessage): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
