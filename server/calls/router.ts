import type { ClientMessage, IceServer, Media } from '../../lib/protocol/wire';
import type { ClusterState } from '../cluster/state';
import type { Log } from '../log';
import type { RingMetrics } from '../metrics';
import type { MintedPeers } from '../minted-peers';
import { accountOf, infoOf, same, type Call, type Device, type DeviceInfo, type LiveCall, type RingingCall } from '../presence';
import type { RingGate } from '../reach/ring-gate';
import { accept, tellCaller, type Answering } from './answer';
import { logCall } from './call-log';
import { ringMessage } from './device-messages';
import { cancelled, declined, ended, everyone, hungUp, isParty, type Ending } from './endings';
import { PolicyViolation } from './policy-violation';
import { changeCall, type Change } from './record-change';
import { admitGuestRing, admitRing, type Admitted } from './ring-admission';
import { RingTimers } from './ring-timers';

type Msg<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

export interface CallRules {
  ringTimeoutMs: number;
  ringGraceMs: number;
  ringsAtOnce: number;
}

/**
 * The ring rules: who may ring whom, who hears what, and when a call is over. Sockets stay outside: the
 * devices acting are this node's, every other is a reference that the cluster state delivers to, so these
 * rules run the same on one node or several, and with fakes. A call record changes only over the record
 * just read (retried when another node changed it meanwhile), so exactly one accept wins and a call ends once.
 */
export class CallRouter {
  private readonly timers = new RingTimers();
  /** What answering, ending and admitting a guest share on this node. */
  private readonly context: Answering;
  /** Whether this node can carry one more call's two PeerJS sockets; app.ts knows its descriptors and caps. */
  hasRoom: () => boolean = () => true;

  constructor(
    private readonly state: ClusterState,
    private readonly peers: MintedPeers,
    private readonly rules: CallRules,
    private readonly gate: RingGate,
    private readonly log: Log,
    /** Whether this server has TURN, and the credentials a device gets for a call (a guest's name its one call). */
    private readonly relay: { available: boolean; iceServersFor: (device: DeviceInfo, call: LiveCall) => IceServer[] } = { available: false, iceServersFor: () => [] },
    /** Each ring's outcome, counted here where it is decided, and how long it took to ring. */
    private readonly rings: RingMetrics = { ringOutcome: () => {}, ringDelivered: () => {} },
  ) {
    this.context = { state, peers, timers: this.timers, rings, log, hasRoom: () => this.hasRoom(), iceServersFor: relay.iceServersFor };
    state.onForgetPeers((ids) => {
      const callId = ids.map((id) => this.peers.callOf(id)).find((id) => id !== undefined);
      if (callId !== undefined) logCall(log, callId, 'peers-closed', 'is over: its PeerJS peers here are closed');
      ids.forEach((id) => this.peers.forget(id));
    });
    state.onOverdueRing((callId) => void this.expire(callId));
  }

  get node(): string {
    return this.state.node;
  }

  async ring(caller: Device, message: Msg<'ring'>): Promise<void> {
    const arrived = performance.now();
    const admission = { state: this.state, gate: this.gate, log: this.log, rings: this.rings, ringsAtOnce: this.rules.ringsAtOnce, relayAvailable: this.relay.available };
    const admitted = await admitRing(admission, caller, message);
    if (admitted) await this.startRinging(caller, admitted, arrived);
  }

  /** A call link's guest rings the link's owner; ends as any ring does. */
  async ringAsGuest(guest: Device, callId: string, to: string, media: Media): Promise<void> {
    const arrived = performance.now();
    const admitted = await admitGuestRing(this.context, guest, callId, to, media);
    if (admitted) await this.startRinging(guest, admitted, arrived);
  }

  async accept(device: Device, message: Msg<'accept'>): Promise<void> {
    if (!(await accept(this.context, device, message))) this.ignore(device, 'accept', message.callId);
  }

  /** The callee's peer is reachable: only now may the caller learn its id (and so, later, its address). */
  peerConnected(peerId: string): Promise<void> {
    return tellCaller(this.context, peerId);
  }

  async decline(device: Device, { callId }: Msg<'decline'>): Promise<void> {
    const done = await this.change(callId, (call) => (call?.phase === 'ringing' && call.ringing.some((d) => same(d, device)) ? this.ended(call, declined(call, device)) : undefined));
    if (!done) this.ignore(device, 'decline', callId);
  }

  async hangup(device: Device, { callId, reason }: Msg<'hangup'>): Promise<void> {
    const done = await this.change(callId, (call) => {
      if (call?.phase === 'ringing' && same(call.caller, device)) return this.ended(call, cancelled(call));
      // A ringing device that hangs up means what decline means.
      if (call?.phase === 'ringing' && call.ringing.some((d) => same(d, device))) return this.ended(call, declined(call, device));
      if (call?.phase === 'live' && isParty(call, device)) return this.ended(call, hungUp(call, device, reason));
      return undefined;
    });
    if (!done) this.ignore(device, 'hangup', callId);
  }

  /** The node cannot carry the call any further: everyone in it hears why, in words, and it is over. */
  endServerFull(callId: string): Promise<void> {
    return this.end(callId, (call) => call && this.ended(call, { told: everyone(call), reason: 'server-full' }));
  }

  /**
   * A device signed in: a ring still waiting for this person reaches it too, so a restarted browser still rings;
   * and a caller's install back on a new socket (a server restart, a move to another node) hears how its ring ends.
   */
  async deviceJoined(device: Device): Promise<void> {
    for (const { id } of await this.state.callsOf(device.handle)) {
      await this.change(id, (call) => {
        if (call?.phase === 'ringing' && device.install !== undefined && call.caller.install === device.install && !same(call.caller, device)) {
          return { next: { ...call, caller: infoOf(device) }, then: () => {} };
        }
        if (call?.phase !== 'ringing' || call.callee !== device.handle || call.ringing.some((d) => same(d, device))) return undefined;
        return {
          next: { ...call, ringing: [...call.ringing, infoOf(device)] },
          then: () => {
            logCall(this.log, id, 'ring', 'rings a device that signed in since');
            this.timers.stopGrace(id);
            this.state.send(device, ringMessage(call));
          },
        };
      });
    }
  }

  /** A socket closed: every call it took part in learns it, as if it had hung up. */
  async deviceGone(device: Device): Promise<void> {
    await this.state.removeDevice(device);
    for (const { id } of await this.state.callsOf(device.handle)) {
      await this.change(id, (call) => {
        if (call?.phase === 'live') return isParty(call, device) ? this.ended(call, hungUp(call, device)) : undefined;
        if (!call) return undefined;
        if (same(call.caller, device)) return this.ended(call, cancelled(call));
        if (!call.ringing.some((d) => same(d, device))) return undefined;
        const next: RingingCall = { ...call, ringing: call.ringing.filter((d) => !same(d, device)) };
        return { next, then: () => next.ringing.length === 0 && this.awaitReturn(next) };
      });
    }
  }

  /** Rings this node set a timer for, for /metrics. */
  ringingHere(): number {
    return this.timers.ringing;
  }

  /** Stops every ring timer so a closed server leaves nothing scheduled. */
  shutdown(): void {
    this.timers.shutdown();
  }

  private async startRinging(caller: Device, { callId, to, media, devices, relay }: Admitted, arrived: number): Promise<void> {
    const expiresAt = Date.now() + this.rules.ringTimeoutMs;
    const call: RingingCall = { phase: 'ringing', id: callId, caller: infoOf(caller), callee: to, media, expiresAt, ringing: devices, relay };
    if (!(await this.state.replaceCall(callId, undefined, call))) throw new PolicyViolation(`callId ${callId} reused`);
    // The node that made the ring ends it; its record's expiry covers this node dying first.
    this.timers.ring(callId, this.rules.ringTimeoutMs, () => void this.expire(callId));
    const who = caller.guest ? "a call link's guest" : `@${caller.handle}`;
    logCall(this.log, callId, 'ring', `rings from ${who} (${media}) on ${devices.length} device(s)${relay ? ', relayed' : ''}`, { account: accountOf(caller), devices: devices.length });
    for (const device of devices) this.state.send(device, ringMessage(call));
    this.rings.ringDelivered(performance.now() - arrived);
    caller.send({ type: 'ringing', callId, to });
  }

  private change(callId: string, decide: (call: Call | undefined) => Change): Promise<boolean> {
    return changeCall(this.state, callId, decide);
  }

  private ended(call: Call, ending: Ending): Change {
    return ended(this.context, call, ending);
  }

  /** The last callee device left: the ring waits a while for one to come back, then ends for the caller. */
  private awaitReturn(call: RingingCall): void {
    const wait = Math.min(this.rules.ringGraceMs, Math.max(0, call.expiresAt - Date.now()));
    this.timers.grace(call.id, wait, () => void this.end(call.id, (c) => (c?.phase === 'ringing' && c.ringing.length === 0 ? this.ended(c, { told: [c.caller], reason: 'offline' }) : undefined)));
  }

  private expire(callId: string): Promise<void> {
    this.timers.ringOver(callId);
    return this.end(callId, (call) => (call?.phase === 'ringing' ? this.ended(call, { told: everyone(call), reason: 'no-answer' }) : undefined));
  }

  /** A timer's change: a failure is logged, as nobody waits for it. */
  private async end(callId: string, decide: (call: Call | undefined) => Change): Promise<void> {
    await this.change(callId, decide).catch((error: unknown) => this.log.error(`call ${callId} not ended: ${String(error)}`, { callId }));
  }

  private ignore(device: Device, what: string, callId: string): void {
    this.log.warn(`@${device.handle} sent ${what} for call ${callId} it is not ringing in or part of; ignored`, { account: accountOf(device), callId });
  }
}
