import type { ServerMessage } from '../../lib/protocol/wire';
import type { Call, Device, DeviceInfo, DeviceRef } from '../presence';
import type { Limits } from '../rate-limit';
import type { ShortLivedRecords } from './short-lived';

/**
 * Who is online and which calls exist, on every node, and the way a message reaches a device wherever its
 * socket is. In-process by default (one node, nothing to install); Redis (`REDIS_URL`) when several nodes
 * share the load. Everything is asynchronous and names devices by reference, never by object, so the
 * router runs the same on either; call records change only by replacing the one that was read, which is
 * what lets exactly one device win an accept, and one node end a ring, across nodes.
 */
export interface ClusterState {
  /** This node's id (NODE_ID), part of every device reference made here. */
  readonly node: string;
  /** Whether other nodes may exist: then an answer names the PeerServer of the node that minted its ids. */
  readonly shared: boolean;
  /** Rate limits counted where every node sees the same count. */
  readonly limits: Limits;
  /** Sign-ins in progress and guests' proofs, readable on every node (short-lived.ts). */
  readonly records: ShortLivedRecords;
  /** Lists a device whose socket this node holds, and makes it reachable by `send`. */
  addDevice(device: Device): Promise<void>;
  removeDevice(device: Device): Promise<void>;
  /** Makes a device reachable by `send` without listing it: a call link's guest, whom nobody can ring. */
  holdUnlisted(device: Device): void;
  /** The handle's devices on every live node. */
  devices(handle: string): Promise<DeviceInfo[]>;
  call(id: string): Promise<Call | undefined>;
  /** Calls in which the handle is the caller or the callee, in any phase. */
  callsOf(handle: string): Promise<Call[]>;
  /**
   * Atomically: if the call's record is still `prev` (undefined: no record), it becomes `next` (undefined:
   * removed) and true comes back; otherwise nothing changes. `prev` must be a record this state returned or stored.
   */
  replaceCall(id: string, prev: Call | undefined, next: Call | undefined): Promise<boolean>;
  /** Delivers to the device's socket, on whichever node holds it; a device that has gone is skipped. */
  send(to: DeviceRef, message: ServerMessage): void;
  /** Tells the node that minted a call's peer ids that the call is over. */
  forgetPeers(node: string, peerIds: readonly string[]): void;
  onForgetPeers(handler: (peerIds: readonly string[]) => void): void;
  /** Called with a handle whenever its devices or calls change on any node: what presence watchers hear. */
  onChange(listener: (handle: string) => void): void;
  /**
   * A ring past its deadline that no node ended (the node that made it, and set its timer, died): whichever
   * node sees it first is told, and ends it over the record it reads, so it ends once.
   */
  onOverdueRing(handler: (callId: string) => void): void;
  /** Devices and accounts held by this node, for /metrics at scrape time. */
  localCounts(): { devices: number; accounts: number };
  close(): Promise<void>;
}

/** A call record's handles: the people whose presence it changes. */
export function handlesOf(call: Call): [string, string] {
  return [call.caller.handle, call.callee];
}
