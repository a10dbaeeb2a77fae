import type { GuestInfo } from '../lib/protocol/call-link';
import type { Media, ServerMessage } from '../lib/protocol/wire';

/** One signed-in socket: a user has one per device (browser profile, machine). */
export interface Device {
  readonly handle: string;
  /** The X user id proven at sign-in; absent under development sign-in. */
  readonly userId?: string;
  /** X's display name and picture at the last Sign in with X, shown to the people this device calls. */
  readonly name?: string;
  readonly avatarUrl?: string;
  /** A call link's guest (server/links): its handle is internal, unique to its one call, never an X handle. */
  readonly guest?: GuestInfo;
  send(message: ServerMessage): void;
}

/** Who a log line is about: the X user id, or the unproven handle under development sign-in. */
export function accountOf(device: Device): string {
  return device.userId ?? `@${device.handle}`;
}

export interface PeerCredentials {
  peerId: string;
  peerToken: string;
}

export interface RingingCall {
  phase: 'ringing';
  id: string;
  caller: Device;
  callee: string;
  media: Media;
  expiresAt: number;
  /** The callee's devices ringing now; when the last one leaves, the ring waits a grace period for one to return. */
  ringing: Set<Device>;
  /** Both sides must use TURN only (iceTransportPolicy `relay`). */
  relay: boolean;
}

export interface LiveCall {
  phase: 'live';
  id: string;
  caller: Device;
  callee: string;
  answeredBy: Device;
  /** What the callee accepted with, which may be less than the caller asked for. */
  media: Media;
  callerPeer: PeerCredentials;
  calleePeer: PeerCredentials;
  /** `accepted` goes out once, when the callee's peer first connects; a reconnect must not repeat it. */
  callerTold: boolean;
  relay: boolean;
}

export type Call = RingingCall | LiveCall;

/**
 * Who is online and which calls exist. In-process today; a shared (Redis) implementation can take its place
 * when several nodes run, which is why the router only reaches this state through this interface.
 */
export interface Presence {
  addDevice(device: Device): void;
  removeDevice(device: Device): void;
  devices(handle: string): readonly Device[];
  call(id: string): Call | undefined;
  saveCall(call: Call): void;
  dropCall(id: string): void;
  /** Calls in which the handle is the caller or the callee, in any phase. */
  callsOf(handle: string): Call[];
  /**
   * Called with a handle whenever its devices or calls change (its presence may have): what presence
   * watchers hear. A shared implementation calls it for changes made on every node.
   */
  onChange(listener: (handle: string) => void): void;
}

export class InProcessPresence implements Presence {
  private readonly byHandle = new Map<string, Set<Device>>();
  private readonly calls = new Map<string, Call>();
  private readonly callIdsByHandle = new Map<string, Set<string>>();
  private readonly listeners: Array<(handle: string) => void> = [];

  addDevice(device: Device): void {
    addTo(this.byHandle, device.handle, device);
    this.changed(device.handle);
  }

  removeDevice(device: Device): void {
    removeFrom(this.byHandle, device.handle, device);
    this.changed(device.handle);
  }

  devices(handle: string): readonly Device[] {
    return [...(this.byHandle.get(handle) ?? [])];
  }

  call(id: string): Call | undefined {
    return this.calls.get(id);
  }

  saveCall(call: Call): void {
    this.calls.set(call.id, call);
    addTo(this.callIdsByHandle, call.caller.handle, call.id);
    addTo(this.callIdsByHandle, call.callee, call.id);
    this.changed(call.caller.handle, call.callee);
  }

  dropCall(id: string): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    removeFrom(this.callIdsByHandle, call.caller.handle, id);
    removeFrom(this.callIdsByHandle, call.callee, id);
    this.changed(call.caller.handle, call.callee);
  }

  callsOf(handle: string): Call[] {
    const ids = this.callIdsByHandle.get(handle) ?? [];
    return [...ids].flatMap((id) => this.calls.get(id) ?? []);
  }

  onChange(listener: (handle: string) => void): void {
    this.listeners.push(listener);
  }

  /** For /metrics, read at scrape time: a walk over what is held, never a cost on the hot path. */
  counts(): { devices: number; accounts: number; ringing: number; live: number } {
    let devices = 0;
    for (const set of this.byHandle.values()) devices += set.size;
    let live = 0;
    for (const call of this.calls.values()) if (call.phase === 'live') live += 1;
    return { devices, accounts: this.byHandle.size, ringing: this.calls.size - live, live };
  }

  private changed(...handles: string[]): void {
    for (const handle of handles) for (const listener of this.listeners) listener(handle);
  }
}

function addTo<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key) ?? new Set<T>();
  set.add(value);
  map.set(key, set);
}

function removeFrom<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
