import { randomBytes } from 'node:crypto';
import type { ServerMessage } from '../../lib/protocol/wire';
import { infoOf, type Call, type Device, type DeviceInfo, type DeviceRef, type RingingCall } from '../presence';
import { memoryLimits } from '../rate-limit';
import { LocalDevices } from './local-devices';
import { MemoryRecords } from './short-lived-memory';
import { handlesOf, type ClusterState } from './state';

/**
 * One node holds everything: what `npm start` runs, nothing to install. Answers come back in the same turn
 * (resolved promises), and a call record is compared by identity, since records are never changed in place.
 */
export class InProcessState implements ClusterState {
  readonly shared = false;
  readonly limits = memoryLimits;
  readonly records: MemoryRecords;
  private readonly local = new LocalDevices();
  /**
   * Most people have one device, kept as it is; several share an array. A map each cost 350 bytes a person,
   * an array of one 60 (issue 18).
   */
  private readonly byHandle = new Map<string, Device | Device[]>();
  private readonly calls = new Map<string, Call>();
  private readonly callIdsByHandle = new Map<string, Map<string, true>>();
  private readonly listeners: Array<(handle: string) => void> = [];
  private readonly forgetters: Array<(peerIds: readonly string[]) => void> = [];
  private readonly overdue: Array<(callId: string) => void> = [];
  /** The deadlines of rings this process took up from the one before it, which set no timer here. */
  private readonly carriedTimers = new Set<NodeJS.Timeout>();

  /** `maxRecords` bounds the short-lived records this process holds (MAX_PENDING_SIGN_INS). */
  constructor(
    readonly node: string = randomBytes(4).toString('hex'),
    maxRecords = 10_000,
  ) {
    this.records = new MemoryRecords(maxRecords);
  }

  async addDevice(device: Device): Promise<void> {
    this.local.add(device);
    const devices = this.devicesHere(device.handle);
    if (!devices.includes(device)) this.byHandle.set(device.handle, devices.length ? [...devices, device] : device);
    this.changed(device.handle);
  }

  async removeDevice(device: Device): Promise<void> {
    this.local.remove(device);
    const left = this.devicesHere(device.handle).filter((d) => d !== device);
    if (left.length) this.byHandle.set(device.handle, left.length === 1 ? left[0]! : left);
    else this.byHandle.delete(device.handle);
    this.changed(device.handle);
  }

  holdUnlisted(device: Device): void {
    this.local.add(device);
  }

  async devices(handle: string): Promise<DeviceInfo[]> {
    // Copies: what goes into a call record is the device's public facts, never its socket.
    return this.devicesHere(handle).map(infoOf);
  }

  async call(id: string): Promise<Call | undefined> {
    return this.calls.get(id);
  }

  async callsOf(handle: string): Promise<Call[]> {
    return [...(this.callIdsByHandle.get(handle)?.keys() ?? [])].flatMap((id) => this.calls.get(id) ?? []);
  }

  async replaceCall(id: string, prev: Call | undefined, next: Call | undefined): Promise<boolean> {
    if (this.calls.get(id) !== prev) return false;
    if (next) {
      this.calls.set(id, next);
      for (const handle of handlesOf(next)) addTo(this.callIdsByHandle, handle, id, true);
    } else this.calls.delete(id);
    if (prev && !next) for (const handle of handlesOf(prev)) removeFrom(this.callIdsByHandle, handle, id);
    // Presence reads busy while any call exists: only a call starting or ending can change it.
    if (!prev || !next) this.changed(...handlesOf((next ?? prev)!));
    return true;
  }

  send(to: DeviceRef, message: ServerMessage): void {
    this.local.send(to.id, message);
  }

  forgetPeers(_node: string, peerIds: readonly string[]): void {
    for (const forget of this.forgetters) forget(peerIds);
  }

  onForgetPeers(handler: (peerIds: readonly string[]) => void): void {
    this.forgetters.push(handler);
  }

  /** One process: the node that set a ring's timer is alive to end it, unless the ring came from its previous run. */
  onOverdueRing(handler: (callId: string) => void): void {
    this.overdue.push(handler);
  }

  /**
   * Removes the rings chosen and returns them, telling nobody: the node is stopping, and its next start rings
   * them again (`carryOver`), so the sockets it closes next must find no ring to cancel.
   */
  takeRings(which: (ring: RingingCall) => boolean): RingingCall[] {
    const rings = [...this.calls.values()].filter((call): call is RingingCall => call.phase === 'ringing' && which(call));
    for (const ring of rings) {
      this.calls.delete(ring.id);
      for (const handle of handlesOf(ring)) removeFrom(this.callIdsByHandle, handle, ring.id);
    }
    return rings;
  }

  /** Rings from this node's previous run, before any socket: each ends at its own deadline, as if its timer had lasted. */
  carryOver(rings: readonly RingingCall[], now = Date.now()): void {
    for (const ring of rings) {
      this.calls.set(ring.id, ring);
      for (const handle of handlesOf(ring)) addTo(this.callIdsByHandle, handle, ring.id, true);
      const timer = setTimeout(() => {
        this.carriedTimers.delete(timer);
        for (const handler of this.overdue) handler(ring.id);
      }, Math.max(0, ring.expiresAt - now));
      this.carriedTimers.add(timer);
    }
  }

  onChange(listener: (handle: string) => void): void {
    this.listeners.push(listener);
  }

  localCounts(): { devices: number; accounts: number } {
    return this.local.counts();
  }

  async close(): Promise<void> {
    for (const timer of this.carriedTimers) clearTimeout(timer);
    this.carriedTimers.clear();
  }

  private devicesHere(handle: string): readonly Device[] {
    const devices = this.byHandle.get(handle);
    return devices === undefined ? [] : Array.isArray(devices) ? devices : [devices];
  }

  private changed(...handles: string[]): void {
    for (const handle of new Set(handles)) for (const listener of this.listeners) listener(handle);
  }
}

function addTo<V>(map: Map<string, Map<string, V>>, key: string, id: string, value: V): void {
  const inner = map.get(key) ?? new Map<string, V>();
  inner.set(id, value);
  map.set(key, inner);
}

function removeFrom<V>(map: Map<string, Map<string, V>>, key: string, id: string): void {
  const inner = map.get(key);
  if (!inner) return;
  inner.delete(id);
  if (inner.size === 0) map.delete(key);
}
