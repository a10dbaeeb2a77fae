import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallAdapters, InCallHandle } from '@/lib/call/call-adapters';
import { createCallController, type CallView } from '@/lib/call/call-controller';
import { CONNECT_TIMEOUT_MS } from '@/lib/call/call-state';
import type { PeerCallEvents, PeerCallOptions } from '@/lib/call/peer';
import type { ServerMessage } from '@/lib/protocol/wire';

const CALL = '6f1d0c1e-0a7b-4c3e-9d2a-000000000001';
const MINTED = (n: number) => String(n).repeat(32);

/** A microphone and camera whose tracks say whether they were stopped (the camera light goes out). */
function fakeStream() {
  const tracks = [{ kind: 'audio', stop: vi.fn() }, { kind: 'video', stop: vi.fn() }];
  return { stream: { getTracks: () => tracks } as unknown as MediaStream, stopped: () => tracks.every((t) => t.stop.mock.calls.length > 0) };
}

/** The outside world of a call: media, PeerJS, the in-call controls and getStats, all in the test's hands. */
function fakeWorld(options: { media?: 'granted' | 'denied' } = {}) {
  const local = fakeStream();
  const peers: { options: PeerCallOptions; events: PeerCallEvents; close: ReturnType<typeof vi.fn> }[] = [];
  const flows: { onFlowing(at: number): void; onStalled(): void; stop: ReturnType<typeof vi.fn> }[] = [];
  const inCall: InCallHandle = {
    local: () => ({ muted: false, cameraOff: false, sharing: false }),
    devices: () => ({ microphoneId: 'mic', cameraId: 'cam' }),
    toggleMute: vi.fn(),
    toggleCamera: vi.fn(async () => {}),
    toggleScreen: vi.fn(async () => {
      throw new Error('NotAllowedError');
    }),
    useMicrophone: vi.fn(async () => {}),
    useCamera: vi.fn(async () => {}),
    restartIce: vi.fn(),
    sample: vi.fn(),
    close: vi.fn(),
  };
  const adapters: CallAdapters = {
    acquireMedia: vi.fn(async () => {
      if (options.media === 'denied') throw new Error('NotAllowedError');
      return local.stream;
    }),
    stopMedia: (stream) => stream?.getTracks().forEach((track) => track.stop()),
    openPeer: (peerOptions, events) => {
      const peer = { options: peerOptions, events, close: vi.fn() };
      peers.push(peer);
      return peer;
    },
    startInCall: () => inCall,
    watchFlow: (_, events) => {
      const flow = { ...events, stop: vi.fn() };
      flows.push(flow);
      return flow;
    },
  };
  return { adapters, local, peers, flows, inCall };
}

function start(world = fakeWorld(), relayOnly = false) {
  const sent: unknown[] = [];
  const views: CallView[] = [];
  const controller = createCallController({
    serverUrl: 'http://127.0.0.1:8787',
    relayOnly: async () => relayOnly,
    send: (message) => sent.push(message),
    onChange: (view) => views.push(view),
    askMediaPermission: async () => 'granted',
    adapters: world.adapters,
  });
  const server = (message: Extract<ServerMessage, { type: 'ringing' | 'answered' | 'accepted' | 'ended' }>) =>
    controller.dispatch({ type: 'server', message });
  const call = () => controller.view().call;
  return { controller, world, sent, views, server, call };
}

const ICE = [{ urls: 'stun:127.0.0.1:3478' }];
const TURN = [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }];
const accepted = (iceServers = ICE) =>
  ({ type: 'accepted', callId: CALL, media: 'video', peerId: MINTED(1), peerToken: MINTED(2), remotePeerId: MINTED(3), iceServers }) as const;
const fakePc = {} as RTCPeerConnection;

/** Lets the controller's promise chains (media, relay setting) settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('a call, as the call window runs it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('calling: rings @bob, shows “ringing”, calls his peer once he accepts, and is connected when media flows', async () => {
    const { controller, world, sent, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'video' });
    expect(call()).toMatchObject({ phase: 'outgoing', peer: 'bob', ringing: false });
    expect(sent).toEqual([{ type: 'ring', callId: CALL, to: 'bob', media: 'video' }]);
    await settle();
    expect(controller.view().localStream).toBe(world.local.stream);

    server({ type: 'ringing', callId: CALL, to: 'bob' });
    expect(call()).toMatchObject({ phase: 'outgoing', ringing: true });

    server(accepted());
    expect(call().phase).toBe('connecting');
    await settle();
    // Only now, and only to the peer id the server minted for this call.
    expect(world.peers).toHaveLength(1);
    expect(world.peers[0]!.options).toMatchObject({ peerId: MINTED(1), peerToken: MINTED(2), remotePeerId: MINTED(3), relayOnly: false });

    world.peers[0]!.events.onConnection(fakePc);
    expect(controller.view().inCall).toMatchObject({ microphoneId: 'mic', cameraId: 'cam', failure: null });
    world.flows[0]!.onFlowing(1234);
    expect(call()).toMatchObject({ phase: 'connected', connectedAt: 1234 });
  });

  it('hanging up tells the server, ends as “hangup”, closes the peer and turns camera and microphone off', async () => {
    const { controller, world, sent, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'video' });
    server(accepted());
    await settle();
    world.peers[0]!.events.onConnection(fakePc);
    world.flows[0]!.onFlowing(1);

    controller.dispatch({ type: 'hangup' });
    expect(call()).toMatchObject({ phase: 'ended', reason: 'hangup' });
    expect(sent.at(-1)).toEqual({ type: 'hangup', callId: CALL });
    await settle();
    expect(world.peers[0]!.close).toHaveBeenCalled();
    expect(world.inCall.close).toHaveBeenCalled();
    expect(world.flows[0]!.stop).toHaveBeenCalled();
    expect(world.local.stopped()).toBe(true);
    expect(controller.view()).toMatchObject({ localStream: null, remoteStream: null, inCall: null });
  });

  it('the other side hanging up, told by the server, ends as “remote-hangup” without telling it back', async () => {
    const { controller, world, sent, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server(accepted());
    await settle();
    world.peers[0]!.events.onConnection(fakePc);
    world.flows[0]!.onFlowing(1);
    const before = sent.length;

    server({ type: 'ended', callId: CALL, reason: 'remote-hangup' });
    expect(call()).toMatchObject({ phase: 'ended', reason: 'remote-hangup', connectedAt: 1 });
    expect(sent).toHaveLength(before);
    await settle();
    expect(world.local.stopped()).toBe(true);
  });

  it('an end for another call changes nothing', () => {
    const { controller, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server({ type: 'ended', callId: '6f1d0c1e-0a7b-4c3e-9d2a-000000000009', reason: 'declined' });
    expect(call().phase).toBe('outgoing');
  });

  it.each(['declined', 'busy', 'offline', 'no-answer'] as const)('the server ending a ring as “%s” says so', (reason) => {
    const { controller, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server({ type: 'ended', callId: CALL, reason });
    expect(call()).toMatchObject({ phase: 'ended', reason, connectedAt: null });
  });

  it('hanging up before the other side answers cancels the ring', () => {
    const { controller, sent, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    controller.dispatch({ type: 'hangup' });
    expect(call()).toMatchObject({ phase: 'ended', reason: 'cancelled' });
    expect(sent.at(-1)).toEqual({ type: 'hangup', callId: CALL });
  });

  it('answering: accepts, waits to be called on the peer the server minted, and connects', async () => {
    const { controller, world, sent, server, call } = start();
    controller.dispatch({ type: 'incoming', callId: CALL, peer: 'alice', media: 'video' });
    controller.dispatch({ type: 'accept', media: 'audio' });
    expect(sent).toEqual([{ type: 'accept', callId: CALL, media: 'audio' }]);
    server({ type: 'answered', callId: CALL, peerId: MINTED(4), peerToken: MINTED(5), iceServers: ICE });
    await settle();
    expect(world.peers[0]!.options).toMatchObject({ peerId: MINTED(4), remotePeerId: null });
    world.peers[0]!.events.onConnection(fakePc);
    world.flows[0]!.onFlowing(7);
    expect(call()).toMatchObject({ phase: 'connected', role: 'callee', media: 'audio' });
  });

  it('no camera or microphone allowed: the call ends as “media-denied” and the server is told', async () => {
    const { controller, sent, call } = start(fakeWorld({ media: 'denied' }));
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'video' });
    await settle();
    expect(call()).toMatchObject({ phase: 'ended', reason: 'media-denied' });
    expect(sent.at(-1)).toEqual({ type: 'hangup', callId: CALL });
  });

  it('media that never flows ends the call as “connection-lost” after the connect timeout', async () => {
    const { controller, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server(accepted());
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS - 1);
    expect(call().phase).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(call()).toMatchObject({ phase: 'ended', reason: 'connection-lost' });
  });

  it('a stalled path: “reconnecting”, the caller restarts ICE, and media flowing again reconnects', async () => {
    const { controller, world, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server(accepted());
    await settle();
    world.peers[0]!.events.onConnection(fakePc);
    world.flows[0]!.onFlowing(1);
    world.flows[0]!.onStalled();
    expect(call().phase).toBe('reconnecting');
    expect(world.inCall.restartIce).toHaveBeenCalled();
    world.flows[0]!.onFlowing(2);
    expect(call().phase).toBe('connected');
  });

  it('“hide my IP” with no relay offered: no peer is opened, the call fails rather than reveal the address', async () => {
    const { controller, world, server, call } = start(fakeWorld(), true);
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server(accepted(ICE));
    await settle();
    expect(world.peers).toEqual([]);
    expect(call()).toMatchObject({ phase: 'ended', reason: 'error' });
  });

  it('“hide my IP” with a relay: the peer is opened relay-only', async () => {
    const { controller, world, server } = start(fakeWorld(), true);
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'audio' });
    server(accepted(TURN));
    await settle();
    expect(world.peers[0]!.options).toMatchObject({ relayOnly: true, iceServers: TURN });
  });

  it('a call the server says must relay (through a call link) is opened relay-only, whatever “hide my IP” says', async () => {
    const { controller, world, server } = start(fakeWorld(), false);
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'alice', media: 'video' });
    server({ ...accepted(TURN), relay: true });
    await settle();
    expect(world.peers[0]!.options).toMatchObject({ relayOnly: true, iceServers: TURN });
    expect(world.peers[0]!.options).not.toHaveProperty('relay');
  });

  it('a control the browser refuses leaves the call as it was and says which', async () => {
    const { controller, world, server, call } = start();
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'video' });
    server(accepted());
    await settle();
    world.peers[0]!.events.onConnection(fakePc);
    world.flows[0]!.onFlowing(1);
    controller.toggleScreen();
    await settle();
    expect(controller.view().inCall?.failure).toBe('screen');
    expect(call().phase).toBe('connected');
    controller.toggleMute();
    expect(world.inCall.toggleMute).toHaveBeenCalled();
    expect(controller.view().inCall?.failure).toBeNull();
  });

  it('media that arrives after the call ended is turned off at once', async () => {
    const world = fakeWorld();
    let grant: (stream: MediaStream) => void = () => {};
    world.adapters.acquireMedia = () => new Promise((resolve) => (grant = resolve));
    const { controller, call } = start(world);
    controller.dispatch({ type: 'dial', callId: CALL, peer: 'bob', media: 'video' });
    controller.dispatch({ type: 'hangup' });
    grant(world.local.stream);
    await settle();
    expect(call().phase).toBe('ended');
    expect(world.local.stopped()).toBe(true);
    expect(controller.view().localStream).toBeNull();
  });
});
