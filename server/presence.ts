import { createHash } from 'node:crypto';
import type { GuestInfo } from '../lib/protocol/call-link';
import type { Media, ServerMessage } from '../lib/protocol/wire';

/**
 * Where a device is: the node holding its socket, and an id unique on that node. Plain data, so a call
 * record that names its devices can live in Redis and be read on any node.
 */
export interface DeviceRef {
  readonly node: string;
  readonly id: string;
}

/** What every node may know of a signed-in device: its address and the public facts a ring shows. */
export interface DeviceInfo extends DeviceRef {
  readonly handle: string;
  /** The X user id proven at sign-in; absent under development sign-in. */
  readonly userId?: string;
  /** X's display name and picture at the last Sign in with X, shown to the people this device calls. */
  readonly name?: string;
  readonly avatarUrl?: string;
  /** A call link's guest (server/links): its handle is internal, unique to its one call, never an X handle. */
  readonly guest?: GuestInfo;
  /**
   * The browser install, the same on every socket it opens (`installOf` its session): how a caller that comes
   * back on a new socket, after a restart or on another node, is known again. Absent under development sign-in.
   */
  readonly install?: string;
}

/** A device whose socket this node holds: the only kind that can be sent a message directly. */
export interface Device extends DeviceInfo {
  send(message: ServerMessage): void;
}

/** The same device, wherever the two references came from. */
export function same(a: DeviceRef, b: DeviceRef): boolean {
  return a.id === b.id && a.node === b.node;
}

/** Only the public facts: what a call record or the directory keeps of a device (never its `send`). */
export function infoOf({ node, id, handle, userId, name, avatarUrl, guest, install }: DeviceInfo): DeviceInfo {
  return {
    node,
    id,
    handle,
    ...(userId !== undefined && { userId }),
    ...(name !== undefined && { name }),
    ...(avatarUrl !== undefined && { avatarUrl }),
    ...(guest && { guest }),
    ...(install !== undefined && { install }),
  };
}

/** A session is bound to one install's device key; its hash names the install in call records (Redis) without the session. */
export function installOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 22);
}

/** Who a log line is about: the X user id, or the unproven handle under development sign-in. */
export function accountOf(device: DeviceInfo): string {
  return device.userId ?? `@${device.handle}`;
}

export interface PeerCredentials {
  peerId: string;
  peerToken: string;
}

/** Call records are replaced whole, never changed in place: a replacement only succeeds over the record it read. */
export interface RingingCall {
  readonly phase: 'ringing';
  readonly id: string;
  readonly caller: DeviceInfo;
  readonly callee: string;
  readonly media: Media;
  readonly expiresAt: number;
  /** The callee's devices ringing now; when the last one leaves, the ring waits a grace period for one to return. */
  readonly ringing: readonly DeviceInfo[];
  /** Both sides must use TURN only (iceTransportPolicy `relay`). */
  readonly relay: boolean;
}

export interface LiveCall {
  readonly phase: 'live';
  readonly id: string;
  readonly caller: DeviceInfo;
  readonly callee: string;
  readonly answeredBy: DeviceInfo;
  /** What the callee accepted with, which may be less than the caller asked for. */
  readonly media: Media;
  /** The node whose PeerServer the two peers meet on: the one that minted their ids. */
  readonly node: string;
  readonly callerPeer: PeerCredentials;
  readonly calleePeer: PeerCredentials;
  /** `accepted` goes out once, when the callee's peer first connects; a reconnect must not repeat it. */
  readonly callerTold: boolean;
  readonly relay: boolean;
}

export type Call = RingingCall | LiveCall;
