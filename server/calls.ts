import { GUEST_HANDLE } from '../lib/protocol/call-link';
import type { ClientMessage, IceServer, Media } from '../lib/protocol/wire';
import type { Log } from './log';
import type { MintedPeers } from './minted-peers';
import { accountOf, type Call, type Device, type LiveCall, type Presence, type RingingCall } from './presence';
import { decideRing } from './reach/policy';
import type { RingGate } from './reach/ring-gate';

type Msg<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

/** A client broke the protocol in a way that ends its connection (1008), not just the call. */
export class PolicyViolation extends Error {}

export interface CallRules {
  ringTimeoutMs: number;
  ringGraceMs: number;
  ringsAtOnce: number;
}

/**
 * The ring rules: who may ring whom, who hears what, and when a call is over. Sockets stay outside: a
 * Device is anything that can be sent a message, so these rules run the same with fakes.
 */
export class CallRouter {
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  /** Whether this node can carry one more call's two PeerJS sockets; app.ts knows its descriptors and caps. */
  hasRoom: () => boolean = () => true;

  constructor(
    private readonly presence: Presence,
    private readonly peers: MintedPeers,
    private readonly rules: CallRules,
    private readonly gate: RingGate,
    private readonly log: Log,
    /** Whether this server has TURN, and the credentials a device gets for a call (a guest's name its one call). */
    private readonly relay: { available: boolean; iceServersFor: (device: Device, call: LiveCall) => IceServer[] } = { available: false, iceServersFor: () => [] },
  ) {}

  /**
   * Decides before anything rings. Every refusal about the callee (not allowed, blocked, offline, do not
   * disturb, invisible) reaches the caller as `unavailable`, after the same reads as a ring that goes through.
   */
  async ring(caller: Device, { callId, to, media }: Msg<'ring'>): Promise<void> {
    const reused = () => {
      if (this.presence.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
    };
    reused();
    const end = (reason: 'unavailable' | 'busy' | 'rate-limited' | 'relay-unavailable') => caller.send({ type: 'ended', callId, reason });
    const limited = (why: string) => {
      this.log.warn(`@${caller.handle} is over ${why}; ring refused`, { account: accountOf(caller) });
      end('rate-limited');
    };

    const admitted = await this.gate.admit(caller);
    reused();
    if (!admitted) return limited(`${this.gate.limits.ringsPerMinute} rings a minute`);
    if (to === caller.handle) return end('unavailable');
    const facts = await this.gate.read(caller, to);
    // The world may have moved while the store answered: everything below reads it afresh.
    reused();
    const own = this.presence.callsOf(caller.handle);
    // One call at a time per device, and none while the user is in a call on any device.
    if (own.some((c) => c.phase === 'live' || c.caller === caller)) return end('unavailable');
    if (own.filter((c) => c.phase === 'ringing' && c.caller.handle === caller.handle).length >= this.rules.ringsAtOnce) {
      return limited(`${this.rules.ringsAtOnce} rings at once`);
    }
    const devices = this.presence.devices(to);
    const decision = decideRing({ ...facts, calleeOnline: devices.length > 0 });
    // Who they kept ringing stays out of the log.
    if (decision.outcome === 'rate-limited') return limited(`${this.gate.limits.ringsToStrangerPerHour} rings an hour to one person`);
    if (decision.outcome === 'unavailable') {
      end('unavailable');
      if (decision.record === 'request') this.gate.request(caller, to, facts.calleeAccount);
      if (decision.record === 'missed') this.missed(caller, callId, media, devices);
      return;
    }
    if (this.presence.callsOf(to).some((c) => c.phase === 'live')) return end('busy');
    // Refused before anything rings: never a call that fails once answered.
    if (decision.relay && !this.relay.available) return end('relay-unavailable');

    const expiresAt = Date.now() + this.rules.ringTimeoutMs;
    const call: RingingCall = { phase: 'ringing', id: callId, caller, callee: to, media, expiresAt, ringing: new Set(devices), relay: decision.relay };
    this.presence.saveCall(call);
    for (const device of devices) this.sendRing(call, device);
    caller.send({ type: 'ringing', callId, to });
    this.ringTimers.set(callId, setTimeout(() => this.expire(callId), this.rules.ringTimeoutMs));
  }

  /**
   * A call link's guest rings the link's owner (server/links checked the link and its limits). The owner's
   * policy does not apply: the owner made the link. Ends as any ring does; the call is always relayed.
   */
  ringAsGuest(guest: Device, callId: string, to: string, media: Media): void {
    if (this.presence.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
    const devices = this.presence.devices(to);
    if (devices.length === 0) return guest.send({ type: 'ended', callId, reason: 'offline' });
    if (this.presence.callsOf(to).some((c) => c.phase === 'live')) return guest.send({ type: 'ended', callId, reason: 'busy' });
    const expiresAt = Date.now() + this.rules.ringTimeoutMs;
    // Through a link the guest is a stranger and the page anyone's: relayed on both sides, always.
    const call: RingingCall = { phase: 'ringing', id: callId, caller: guest, callee: to, media, expiresAt, ringing: new Set(devices), relay: true };
    this.presence.saveCall(call);
    for (const device of devices) this.sendRing(call, device);
    guest.send({ type: 'ringing', callId, to });
    this.ringTimers.set(callId, setTimeout(() => this.expire(callId), this.rules.ringTimeoutMs));
  }

  accept(device: Device, { callId, media }: Msg<'accept'>): void {
    const call = this.presence.call(callId);
    if (call?.phase !== 'ringing' || !call.ringing.has(device)) return this.ignore(device, 'accept', callId);
    if (!this.hasRoom()) return this.end(callId, 'server-full');
    this.stopRinging(callId);
    const live: LiveCall = {
      phase: 'live',
      id: callId,
      caller: call.caller,
      callee: call.callee,
      answeredBy: device,
      media,
      callerPeer: this.peers.mint(callId),
      calleePeer: this.peers.mint(callId),
      callerTold: false,
      relay: call.relay,
    };
    this.presence.saveCall(live);
    for (const other of call.ringing) {
      if (other !== device) other.send({ type: 'ended', callId, reason: 'answered-elsewhere' });
    }
    device.send({ type: 'answered', callId, ...live.calleePeer, iceServers: this.relay.iceServersFor(device, live), relay: live.relay });
  }

  /** The callee's peer is reachable: only now may the caller learn its id (and so, later, its address). */
  peerConnected(peerId: string): void {
    const callId = this.peers.callOf(peerId);
    const call = callId === undefined ? undefined : this.presence.call(callId);
    if (call?.phase !== 'live' || call.calleePeer.peerId !== peerId || call.callerTold) return;
    call.callerTold = true;
    call.caller.send({
      type: 'accepted',
      callId: call.id,
      media: call.media,
      ...call.callerPeer,
      remotePeerId: call.calleePeer.peerId,
      iceServers: this.relay.iceServersFor(call.caller, call),
      relay: call.relay,
    });
  }

  decline(device: Device, { callId }: Msg<'decline'>): void {
    const call = this.presence.call(callId);
    if (call?.phase !== 'ringing' || !call.ringing.has(device)) return this.ignore(device, 'decline', callId);
    this.refuseRing(call, device);
  }

  hangup(device: Device, { callId, reason }: Msg<'hangup'>): void {
    const call = this.presence.call(callId);
    if (call?.phase === 'ringing' && call.caller === device) return this.cancel(call);
    // A ringing device that hangs up means what decline means.
    if (call?.phase === 'ringing' && call.ringing.has(device)) return this.refuseRing(call, device);
    if (call?.phase === 'live' && this.isParty(call, device)) return this.hangUpLive(call, device, reason);
    this.ignore(device, 'hangup', callId);
  }

  /** The node cannot carry the call any further: everyone in it hears why, in words, and it is over. */
  end(callId: string, reason: 'server-full'): void {
    const call = this.presence.call(callId);
    if (!call) return;
    this.finish(call);
    for (const device of call.phase === 'live' ? [call.caller, call.answeredBy] : [call.caller, ...call.ringing]) {
      device.send({ type: 'ended', callId, reason });
    }
  }

  /** A device signed in: a ring still waiting for this person reaches it too, so a restarted browser still rings. */
  deviceJoined(device: Device): void {
    for (const call of this.presence.callsOf(device.handle)) {
      if (call.phase !== 'ringing' || call.callee !== device.handle) continue;
      call.ringing.add(device);
      this.stopGrace(call.id);
      this.sendRing(call, device);
    }
  }

  /** A socket closed: every call it took part in learns it, as if it had hung up. */
  deviceGone(device: Device): void {
    this.presence.removeDevice(device);
    for (const call of this.presence.callsOf(device.handle)) {
      if (call.phase === 'live') {
        if (this.isParty(call, device)) this.hangUpLive(call, device);
      } else if (call.caller === device) {
        this.cancel(call);
      } else if (call.ringing.delete(device) && call.ringing.size === 0) {
        this.awaitReturn(call);
      }
    }
  }

  /** Stops every ring timer so a closed server leaves nothing scheduled. */
  shutdown(): void {
    for (const timers of [this.ringTimers, this.graceTimers]) {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    }
  }

  private sendRing(call: RingingCall, device: Device): void {
    device.send({
      type: 'ring',
      callId: call.id,
      from: call.caller.guest ? GUEST_HANDLE : call.caller.handle,
      media: call.media,
      expiresAt: call.expiresAt,
      verified: call.caller.userId !== undefined,
      // Checked against the ring's schema when the device signed in (ws-session.ts).
      ...(call.caller.name ? { name: call.caller.name } : {}),
      ...(call.caller.avatarUrl ? { avatarUrl: call.caller.avatarUrl } : {}),
      ...(call.caller.guest && { guest: call.caller.guest }),
    });
  }

  /** Do not disturb or invisible: nothing rings, and the callee's devices keep it as a missed call. */
  private missed(caller: Device, callId: string, media: Msg<'ring'>['media'], devices: readonly Device[]): void {
    const notice = { type: 'missed' as const, callId, from: caller.handle, media, at: Date.now(), verified: caller.userId !== undefined };
    for (const device of devices) device.send(notice);
  }

  private awaitReturn(call: RingingCall): void {
    const wait = Math.min(this.rules.ringGraceMs, Math.max(0, call.expiresAt - Date.now()));
    this.graceTimers.set(
      call.id,
      setTimeout(() => {
        if (this.presence.call(call.id) !== call || call.ringing.size > 0) return;
        this.finish(call);
        call.caller.send({ type: 'ended', callId: call.id, reason: 'offline' });
      }, wait),
    );
  }

  private stopGrace(callId: string): void {
    clearTimeout(this.graceTimers.get(callId));
    this.graceTimers.delete(callId);
  }

  private expire(callId: string): void {
    const call = this.presence.call(callId);
    if (call?.phase !== 'ringing') return;
    this.finish(call);
    for (const device of [call.caller, ...call.ringing]) {
      device.send({ type: 'ended', callId, reason: 'no-answer' });
    }
  }

  private cancel(call: RingingCall): void {
    this.finish(call);
    for (const device of call.ringing) device.send({ type: 'ended', callId: call.id, reason: 'cancelled' });
  }

  /** Declined on one device is declined everywhere: the caller and the other devices all stop. */
  private refuseRing(call: RingingCall, by: Device): void {
    this.finish(call);
    for (const device of [call.caller, ...call.ringing]) {
      if (device !== by) device.send({ type: 'ended', callId: call.id, reason: 'declined' });
    }
  }

  private hangUpLive(call: LiveCall, by: Device, reason?: 'connection-lost'): void {
    this.finish(call);
    const other = by === call.caller ? call.answeredBy : call.caller;
    other.send({ type: 'ended', callId: call.id, reason: reason ?? 'remote-hangup' });
  }

  private isParty(call: LiveCall, device: Device): boolean {
    return call.caller === device || call.answeredBy === device;
  }

  private finish(call: Call): void {
    this.stopRinging(call.id);
    this.stopGrace(call.id);
    this.presence.dropCall(call.id);
    if (call.phase === 'live') {
      this.peers.forget(call.callerPeer.peerId);
      this.peers.forget(call.calleePeer.peerId);
    }
  }

  private stopRinging(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
  }

  private ignore(device: Device, what: string, callId: string): void {
    this.log.warn(`@${device.handle} sent ${what} for call ${callId} it is not ringing in or part of; ignored`, { account: accountOf(device) });
  }
}
