import { GUEST_HANDLE } from '../lib/protocol/call-link';
import { nodePeerPath } from '../lib/protocol/endpoints';
import type { ClientMessage, IceServer, Media, ServerMessage } from '../lib/protocol/wire';
import type { ClusterState } from './cluster/state';
import type { Log } from './log';
import type { MintedPeers } from './minted-peers';
import { accountOf, infoOf, same, type Call, type Device, type DeviceInfo, type LiveCall, type RingingCall } from './presence';
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

/** What a change to a call record decides, from the record as it is now: a new record, its removal, or nothing. */
type Change = { next: Call | undefined; then: () => void } | undefined;

/**
 * The ring rules: who may ring whom, who hears what, and when a call is over. Sockets stay outside: the
 * devices acting are this node's, every other is a reference that the cluster state delivers to, so these
 * rules run the same on one node or several, and with fakes. A call record changes only over the record
 * just read (retried when another node changed it meanwhile), so exactly one accept wins and a call ends once.
 */
export class CallRouter {
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
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
  ) {
    state.onForgetPeers((ids) => ids.forEach((id) => this.peers.forget(id)));
    state.onOverdueRing((callId) => void this.expire(callId));
  }

  get node(): string {
    return this.state.node;
  }

  /**
   * Decides before anything rings. Every refusal about the callee (not allowed, blocked, offline, do not
   * disturb, invisible) reaches the caller as `unavailable`, after the same reads as a ring that goes through.
   */
  async ring(caller: Device, { callId, to, media }: Msg<'ring'>): Promise<void> {
    const reused = async () => {
      if (await this.state.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
    };
    await reused();
    const end = (reason: 'unavailable' | 'busy' | 'rate-limited' | 'relay-unavailable') => caller.send({ type: 'ended', callId, reason });
    const limited = (why: string) => {
      this.log.warn(`@${caller.handle} is over ${why}; ring refused`, { account: accountOf(caller) });
      end('rate-limited');
    };

    const admitted = await this.gate.admit(caller);
    await reused();
    if (!admitted) return limited(`${this.gate.limits.ringsPerMinute} rings a minute`);
    if (to === caller.handle) return end('unavailable');
    const facts = await this.gate.read(caller, to);
    // The world may have moved while the store answered: everything below reads it afresh.
    const own = await this.state.callsOf(caller.handle);
    // One call at a time per device, and none while the user is in a call on any device.
    if (own.some((c) => c.phase === 'live' || same(c.caller, caller))) return end('unavailable');
    if (own.filter((c) => c.phase === 'ringing' && c.caller.handle === caller.handle).length >= this.rules.ringsAtOnce) {
      return limited(`${this.rules.ringsAtOnce} rings at once`);
    }
    const devices = await this.state.devices(to);
    const decision = decideRing({ ...facts, calleeOnline: devices.length > 0 });
    // Who they kept ringing stays out of the log.
    if (decision.outcome === 'rate-limited') return limited(`${this.gate.limits.ringsToStrangerPerHour} rings an hour to one person`);
    if (decision.outcome === 'unavailable') {
      end('unavailable');
      if (decision.record === 'request') this.gate.request(caller, to, facts.calleeAccount);
      if (decision.record === 'missed') this.missed(caller, callId, media, devices);
      return;
    }
    if ((await this.state.callsOf(to)).some((c) => c.phase === 'live')) return end('busy');
    // Refused before anything rings: never a call that fails once answered.
    if (decision.relay && !this.relay.available) return end('relay-unavailable');
    await this.startRinging(caller, { callId, to, media, devices, relay: decision.relay });
  }

  /**
   * A call link's guest rings the link's owner (server/links checked the link and its limits). The owner's
   * policy does not apply: the owner made the link. Ends as any ring does; the call is always relayed.
   */
  async ringAsGuest(guest: Device, callId: string, to: string, media: Media): Promise<void> {
    if (await this.state.call(callId)) throw new PolicyViolation(`callId ${callId} reused`);
    this.state.holdUnlisted(guest);
    const devices = await this.state.devices(to);
    if (devices.length === 0) return guest.send({ type: 'ended', callId, reason: 'offline' });
    if ((await this.state.callsOf(to)).some((c) => c.phase === 'live')) return guest.send({ type: 'ended', callId, reason: 'busy' });
    // Through a link the guest is a stranger and the page anyone's: relayed on both sides, always.
    await this.startRinging(guest, { callId, to, media, devices, relay: true });
  }

  async accept(device: Device, { callId, media }: Msg<'accept'>): Promise<void> {
    let minted: LiveCall | undefined;
    const done = await this.change(callId, (call) => {
      if (call?.phase !== 'ringing' || !call.ringing.some((d) => same(d, device))) return undefined;
      // No room on this node for the call's two PeerJS sockets: everyone in it hears why, before any id is minted.
      if (!this.hasRoom()) return this.ended(call, [call.caller, ...call.ringing], 'server-full');
      if (minted) this.forgetMinted(minted);
      minted = {
        phase: 'live',
        id: callId,
        caller: call.caller,
        callee: call.callee,
        answeredBy: infoOf(device),
        media,
        node: this.state.node,
        callerPeer: this.peers.mint(callId),
        calleePeer: this.peers.mint(callId),
        callerTold: false,
        relay: call.relay,
      };
      const live = minted;
      return {
        next: live,
        then: () => {
          this.stopTimers(callId);
          for (const other of call.ringing) if (!same(other, device)) this.state.send(other, { type: 'ended', callId, reason: 'answered-elsewhere' });
          device.send({ type: 'answered', callId, ...live.calleePeer, iceServers: this.relay.iceServersFor(device, live), relay: live.relay, ...this.peerPath() });
        },
      };
    });
    if (!done) {
      if (minted) this.forgetMinted(minted);
      this.ignore(device, 'accept', callId);
    }
  }

  /** The callee's peer is reachable: only now may the caller learn its id (and so, later, its address). */
  async peerConnected(peerId: string): Promise<void> {
    const callId = this.peers.callOf(peerId);
    if (callId === undefined) return;
    await this.change(callId, (call) => {
      if (call?.phase !== 'live' || call.calleePeer.peerId !== peerId || call.callerTold) return undefined;
      return {
        next: { ...call, callerTold: true },
        then: () =>
          this.state.send(call.caller, {
            type: 'accepted',
            callId: call.id,
            media: call.media,
            ...call.callerPeer,
            remotePeerId: call.calleePeer.peerId,
            iceServers: this.relay.iceServersFor(call.caller, call),
            relay: call.relay,
            ...this.peerPath(),
          }),
      };
    });
  }

  async decline(device: Device, { callId }: Msg<'decline'>): Promise<void> {
    const done = await this.change(callId, (call) => (call?.phase === 'ringing' && call.ringing.some((d) => same(d, device)) ? this.refuseRing(call, device) : undefined));
    if (!done) this.ignore(device, 'decline', callId);
  }

  async hangup(device: Device, { callId, reason }: Msg<'hangup'>): Promise<void> {
    const done = await this.change(callId, (call) => {
      if (call?.phase === 'ringing' && same(call.caller, device)) return this.cancel(call);
      // A ringing device that hangs up means what decline means.
      if (call?.phase === 'ringing' && call.ringing.some((d) => same(d, device))) return this.refuseRing(call, device);
      if (call?.phase === 'live' && isParty(call, device)) return this.hangUpLive(call, device, reason);
      return undefined;
    });
    if (!done) this.ignore(device, 'hangup', callId);
  }

  /** The node cannot carry the call any further: everyone in it hears why, in words, and it is over. */
  endServerFull(callId: string): Promise<void> {
    return this.end(callId, (call) => call && this.ended(call, call.phase === 'live' ? [call.caller, call.answeredBy] : [call.caller, ...call.ringing], 'server-full'));
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
            this.stopGrace(id);
            this.sendRing(call, device);
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
        if (call?.phase === 'live') return isParty(call, device) ? this.hangUpLive(call, device) : undefined;
        if (!call) return undefined;
        if (same(call.caller, device)) return this.cancel(call);
        if (!call.ringing.some((d) => same(d, device))) return undefined;
        const next: RingingCall = { ...call, ringing: call.ringing.filter((d) => !same(d, device)) };
        return { next, then: () => next.ringing.length === 0 && this.awaitReturn(next) };
      });
    }
  }

  /** Rings this node set a timer for, for /metrics. */
  ringingHere(): number {
    return this.ringTimers.size;
  }

  /** Stops every ring timer so a closed server leaves nothing scheduled. */
  shutdown(): void {
    for (const timers of [this.ringTimers, this.graceTimers]) {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    }
  }

  private async startRinging(caller: Device, { callId, to, media, devices, relay }: { callId: string; to: string; media: Media; devices: DeviceInfo[]; relay: boolean }): Promise<void> {
    const expiresAt = Date.now() + this.rules.ringTimeoutMs;
    const call: RingingCall = { phase: 'ringing', id: callId, caller: infoOf(caller), callee: to, media, expiresAt, ringing: devices, relay };
    if (!(await this.state.replaceCall(callId, undefined, call))) throw new PolicyViolation(`callId ${callId} reused`);
    // The node that made the ring ends it; its record's expiry covers this node dying first.
    this.ringTimers.set(callId, setTimeout(() => void this.expire(callId), this.rules.ringTimeoutMs));
    for (const device of devices) this.sendRing(call, device);
    caller.send({ type: 'ringing', callId, to });
  }

  /** Reads the call, decides, and replaces the record; retried while another node changes it in between. True when a change was made. */
  private async change(callId: string, decide: (call: Call | undefined) => Change): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const call = await this.state.call(callId);
      const change = decide(call);
      if (!change) return false;
      if (await this.state.replaceCall(callId, call, change.next)) {
        change.then();
        return true;
      }
    }
    throw new Error(`call ${callId} kept changing under this node`);
  }

  private sendRing(call: RingingCall, device: DeviceInfo): void {
    const { caller } = call;
    this.state.send(device, {
      type: 'ring',
      callId: call.id,
      from: caller.guest ? GUEST_HANDLE : caller.handle,
      media: call.media,
      expiresAt: call.expiresAt,
      verified: caller.userId !== undefined,
      // Checked against the ring's schema when the device signed in (ws-session.ts).
      ...(caller.name ? { name: caller.name } : {}),
      ...(caller.avatarUrl ? { avatarUrl: caller.avatarUrl } : {}),
      ...(caller.guest && { guest: caller.guest }),
    });
  }

  /** Do not disturb or invisible: nothing rings, and the callee's devices keep it as a missed call. */
  private missed(caller: Device, callId: string, media: Media, devices: readonly DeviceInfo[]): void {
    const notice = { type: 'missed' as const, callId, from: caller.handle, media, at: Date.now(), verified: caller.userId !== undefined };
    for (const device of devices) this.state.send(device, notice);
  }

  private awaitReturn(call: RingingCall): void {
    const wait = Math.min(this.rules.ringGraceMs, Math.max(0, call.expiresAt - Date.now()));
    this.graceTimers.set(
      call.id,
      setTimeout(() => {
        this.graceTimers.delete(call.id);
        void this.end(call.id, (c) => (c?.phase === 'ringing' && c.ringing.length === 0 ? this.ended(c, [c.caller], 'offline') : undefined));
      }, wait),
    );
  }

  private expire(callId: string): Promise<void> {
    this.ringTimers.delete(callId);
    return this.end(callId, (call) => (call?.phase === 'ringing' ? this.ended(call, [call.caller, ...call.ringing], 'no-answer') : undefined));
  }

  /** A timer's change: a failure is logged, as nobody waits for it. */
  private async end(callId: string, decide: (call: Call | undefined) => Change): Promise<void> {
    await this.change(callId, decide).catch((error: unknown) => this.log.error(`call ${callId} not ended: ${String(error)}`));
  }

  private cancel(call: RingingCall): Change {
    return this.ended(call, call.ringing, 'cancelled');
  }

  /** Declined on one device is declined everywhere: the caller and the other devices all stop. */
  private refuseRing(call: RingingCall, by: Device): Change {
    return this.ended(call, [call.caller, ...call.ringing].filter((d) => !same(d, by)), 'declined');
  }

  private hangUpLive(call: LiveCall, by: Device, reason?: 'connection-lost'): Change {
    return this.ended(call, [same(by, call.caller) ? call.answeredBy : call.caller], reason ?? 'remote-hangup');
  }

  /** Removes the record; once that succeeded, stops this node's timers and the call's peers, and tells `told`. */
  private ended(call: Call, told: readonly DeviceInfo[], reason: Extract<ServerMessage, { type: 'ended' }>['reason']): Change {
    return {
      next: undefined,
      then: () => {
        this.stopTimers(call.id);
        if (call.phase === 'live') this.state.forgetPeers(call.node, [call.callerPeer.peerId, call.calleePeer.peerId]);
        for (const device of told) this.state.send(device, { type: 'ended', callId: call.id, reason });
      },
    };
  }

  private forgetMinted(call: LiveCall): void {
    this.peers.forget(call.callerPeer.peerId);
    this.peers.forget(call.calleePeer.peerId);
  }

  /** Where the two peers meet, named only when another node could otherwise be asked. */
  private peerPath(): { peerPath?: string } {
    return this.state.shared ? { peerPath: nodePeerPath(this.state.node) } : {};
  }

  private stopTimers(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
    this.stopGrace(callId);
  }

  private stopGrace(callId: string): void {
    clearTimeout(this.graceTimers.get(callId));
    this.graceTimers.delete(callId);
  }

  private ignore(device: Device, what: string, callId: string): void {
    this.log.warn(`@${device.handle} sent ${what} for call ${callId} it is not ringing in or part of; ignored`, { account: accountOf(device) });
  }
}

function isParty(call: LiveCall, device: DeviceInfo): boolean {
  return same(call.caller, device) || same(call.answeredBy, device);
}
