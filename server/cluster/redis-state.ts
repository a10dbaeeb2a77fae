import type { ServerMessage } from '../../lib/protocol/wire';
import { logCall } from '../calls/call-log';
import { describeFailure, type Log } from '../log';
import { infoOf, type Call, type Device, type DeviceInfo, type DeviceRef } from '../presence';
import { sharedLimits, type Limits } from '../rate-limit';
import { LocalDevices } from './local-devices';
import { RedisRecords } from './short-lived-redis';
import type { RedisLink } from './redis-adapter';
import { handlesOf, type ClusterState } from './state';

const P = 'ringside:';
const key = {
  /** Present while the node beats: its devices count as online only while it does. */
  node: (node: string) => `${P}node:${node}`,
  nodes: `${P}nodes`,
  devices: (handle: string) => `${P}devices:${handle}`,
  /** The handles with a device on the node: what to clean up, and announce, when it dies. */
  nodeHandles: (node: string) => `${P}node-handles:${node}`,
  call: (id: string) => `${P}call:${id}`,
  calls: (handle: string) => `${P}calls:${handle}`,
  inbox: (node: string) => `${P}to:${node}`,
  /** Every ring's deadline, so a ring whose node died is still ended by another. */
  deadlines: `${P}ring-deadlines`,
  changed: `${P}changed`,
};
/** A call id stays listed under its people a day at most: a record that expired is dropped from the list when read. */
const CALL_LIST_MS = 86_400_000;
const LIVE_CALL_MS = 12 * 3600_000;
/** A ring's record outlives its deadline by this much, so whichever node reads it late can still end it once. */
const RING_MARGIN_MS = 30_000;

/** Compare and set over the record's exact text (ours: JSON.stringify of a record parsed from it gives it back). */
const REPLACE = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  redis.call('SREM', KEYS[3], ARGV[4])
  redis.call('ZREM', KEYS[4], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  for i = 2, 3 do
    redis.call('SADD', KEYS[i], ARGV[4])
    redis.call('PEXPIRE', KEYS[i], ARGV[5])
  end
  if ARGV[6] == '' then redis.call('ZREM', KEYS[4], ARGV[4]) else redis.call('ZADD', KEYS[4], ARGV[6], ARGV[4]) end
end
return 1`;

type NodeMessage = { d: string; m: ServerMessage } | { f: readonly string[] };

/**
 * The state several nodes share through one Redis: devices in a hash per handle (live while their node's
 * heartbeat key lives), calls as JSON records with an expiry, replaced by a Lua compare-and-set; messages to
 * a device on another node and presence changes travel by pub/sub.
 */
export class RedisState implements ClusterState {
  readonly shared = true;
  readonly limits: Limits;
  readonly records: RedisRecords;
  private readonly local = new LocalDevices();
  private readonly listeners: Array<(handle: string) => void> = [];
  private readonly forgetters: Array<(peerIds: readonly string[]) => void> = [];
  private readonly overdue: Array<(callId: string) => void> = [];
  private readonly replace: ReturnType<RedisLink['script']>;
  private beat?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    readonly node: string,
    private readonly redis: RedisLink,
    private readonly heartbeatMs: number,
    private readonly log: Log,
  ) {
    this.limits = sharedLimits(redis.storeClient, `${P}limit:`);
    this.records = new RedisRecords(redis, `${P}short:`);
    this.replace = redis.script(REPLACE, 4);
  }

  static async start(node: string, redis: RedisLink, log: Log, heartbeatMs = 5000): Promise<RedisState> {
    const state = new RedisState(node, redis, heartbeatMs, log);
    await redis.subscribe(key.inbox(node), (text) => state.received(text));
    await redis.subscribe(key.changed, (text) => {
      const [origin, handle] = text.split(' ');
      if (origin !== node && handle) state.notify(handle);
    });
    // A node restarted under the same NODE_ID starts with no socket: devices its last run listed are gone.
    await state.bury(node);
    await state.heartbeat();
    await redis.sadd(key.nodes, node);
    state.beat = setInterval(() => void state.heartbeat().catch((error: unknown) => log.error(`cluster heartbeat failed: ${describeFailure(error)}`)), heartbeatMs);
    state.beat.unref();
    return state;
  }

  async addDevice(device: Device): Promise<void> {
    this.local.add(device);
    await this.redis.hset(key.devices(device.handle), `${this.node}/${device.id}`, JSON.stringify(infoOf(device)));
    await this.redis.sadd(key.nodeHandles(this.node), device.handle);
    this.changed(device.handle);
  }

  async removeDevice(device: Device): Promise<void> {
    this.local.remove(device);
    await this.redis.hdel(key.devices(device.handle), [`${this.node}/${device.id}`]);
    this.changed(device.handle);
  }

  holdUnlisted(device: Device): void {
    this.local.add(device);
  }

  async devices(handle: string): Promise<DeviceInfo[]> {
    const entries = Object.entries(await this.redis.hgetall(key.devices(handle)));
    const nodes = [...new Set(entries.map(([field]) => field.slice(0, field.indexOf('/'))))].filter((node) => node !== this.node);
    const beating = await this.redis.mget(nodes.map(key.node));
    const dead = new Set(nodes.filter((_, i) => beating[i] === null));
    const gone = entries.filter(([field]) => dead.has(field.slice(0, field.indexOf('/')))).map(([field]) => field);
    if (gone.length) await this.redis.hdel(key.devices(handle), gone);
    return entries.filter(([field]) => !gone.includes(field)).map(([, info]) => JSON.parse(info) as DeviceInfo);
  }

  async call(id: string): Promise<Call | undefined> {
    const text = await this.redis.get(key.call(id));
    return text === null ? undefined : (JSON.parse(text) as Call);
  }

  async callsOf(handle: string): Promise<Call[]> {
    const ids = await this.redis.smembers(key.calls(handle));
    const texts = await this.redis.mget(ids.map(key.call));
    // Expired records leave their id listed: it goes now.
    await Promise.all(ids.filter((_, i) => texts[i] === null).map((id) => this.redis.srem(key.calls(handle), id)));
    return texts.flatMap((text) => (text === null ? [] : [JSON.parse(text) as Call]));
  }

  async replaceCall(id: string, prev: Call | undefined, next: Call | undefined): Promise<boolean> {
    const [caller, callee] = handlesOf((next ?? prev)!);
    const ttl = next?.phase === 'ringing' ? next.expiresAt - Date.now() + RING_MARGIN_MS : LIVE_CALL_MS;
    const deadline = next?.phase === 'ringing' ? next.expiresAt : '';
    const args = [prev ? JSON.stringify(prev) : '', next ? JSON.stringify(next) : '', Math.max(1, Math.round(ttl)), id, CALL_LIST_MS, deadline];
    const done = (await this.replace([key.call(id), key.calls(caller), key.calls(callee), key.deadlines], args)) === 1;
    // Presence reads busy while any call exists: only a call starting or ending can change it.
    if (done && (!prev || !next)) this.changed(caller, callee);
    return done;
  }

  send(to: DeviceRef, message: ServerMessage): void {
    if (to.node === this.node) return this.local.send(to.id, message);
    this.publish(key.inbox(to.node), { d: to.id, m: message });
  }

  forgetPeers(node: string, peerIds: readonly string[]): void {
    if (node === this.node) for (const forget of this.forgetters) forget(peerIds);
    else this.publish(key.inbox(node), { f: peerIds });
  }

  onForgetPeers(handler: (peerIds: readonly string[]) => void): void {
    this.forgetters.push(handler);
  }

  onOverdueRing(handler: (callId: string) => void): void {
    this.overdue.push(handler);
  }

  onChange(listener: (handle: string) => void): void {
    this.listeners.push(listener);
  }

  localCounts(): { devices: number; accounts: number } {
    return this.local.counts();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.beat);
    // A node that stops on purpose takes its devices offline at once, rather than after three heartbeats.
    await this.redis.srem(key.nodes, this.node);
    await this.redis.del(key.node(this.node));
    await this.bury(this.node).catch((error: unknown) => this.log.error(`cluster cleanup failed: ${describeFailure(error)}`));
    await this.redis.quit();
  }

  /** Keeps this node alive in everyone's eyes, and buries any node whose heartbeat stopped (once, by whoever sees it first). */
  private async heartbeat(): Promise<void> {
    await this.redis.setPx(key.node(this.node), String(Date.now()), this.heartbeatMs * 3);
    const nodes = (await this.redis.smembers(key.nodes)).filter((node) => node !== this.node);
    const beating = await this.redis.mget(nodes.map(key.node));
    for (const [i, node] of nodes.entries()) {
      if (beating[i] !== null || (await this.redis.srem(key.nodes, node)) === 0) continue;
      this.log.warn(`node ${node} stopped beating: its devices are offline`);
      await this.bury(node);
    }
    await this.endOverdueRings();
  }

  /** Removes a node's devices from every handle it had, and tells their watchers. */
  private async bury(node: string): Promise<void> {
    // Every handle at once: the commands share the connection back to back, so a node that held thousands of
    // people is buried in a few round trips, not thousands (a restarted node does this before it listens).
    const handles = await this.redis.smembers(key.nodeHandles(node));
    await Promise.all(
      handles.map(async (handle) => {
        const fields = Object.keys(await this.redis.hgetall(key.devices(handle))).filter((field) => field.startsWith(`${node}/`));
        await this.redis.hdel(key.devices(handle), fields);
        this.changed(handle);
      }),
    );
    await this.redis.del(key.nodeHandles(node));
  }

  /** Rings a beat past their deadline: their own node's timer would have ended them by now, were it alive. */
  private async endOverdueRings(): Promise<void> {
    const now = Date.now();
    // Their records have expired too: nothing left to end.
    await this.redis.zremUpTo(key.deadlines, now - RING_MARGIN_MS);
    for (const callId of await this.redis.zupTo(key.deadlines, now - this.heartbeatMs)) for (const handler of this.overdue) handler(callId);
  }

  private changed(...handles: string[]): void {
    for (const handle of new Set(handles)) {
      this.notify(handle);
      this.publish(key.changed, `${this.node} ${handle}`);
    }
  }

  private notify(handle: string): void {
    for (const listener of this.listeners) listener(handle);
  }

  private publish(channel: string, message: NodeMessage | string): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    void this.redis.publish(channel, text).catch((error: unknown) => this.log.error(`cluster publish failed: ${describeFailure(error)}`));
  }

  private received(text: string): void {
    try {
      const message = JSON.parse(text) as NodeMessage;
      if ('d' in message) {
        // The other half of a call's story: its own node logged the decision, this one what reached its device.
        if ('callId' in message.m) logCall(this.log, message.m.callId, 'relayed', `${message.m.type} relayed from another node to a device here`, { type: message.m.type });
        this.local.send(message.d, message.m);
      } else for (const forget of this.forgetters) forget(message.f);
    } catch (error) {
      this.log.error(`cluster message dropped: ${describeFailure(error)}`);
    }
  }
}
