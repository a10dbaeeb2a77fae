import { describe, expect, it } from 'vitest';
import { initialCallState, transition } from '../../lib/call/call-machine';
import type { CallEvent, CallState } from '../../lib/call/call-state';
import type { ServerMessage } from '../../lib/protocol/wire';

const callId = '9b2f7f2e-4c1e-4c8e-9a51-3f0e1d2c3b4a';
const peers = { peerId: 'a'.repeat(32), peerToken: 'b'.repeat(32), iceServers: [] };

function run(events: CallEvent[], from: CallState = initialCallState) {
  let state = from;
  const effects = [];
  for (const event of events) {
    const step = transition(state, event, 1000);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const server = (message: ServerMessage) => ({ type: 'server', message }) as CallEvent;
const dial: CallEvent = { type: 'dial', callId, peer: 'bob', media: 'video' };
const incoming: CallEvent = { type: 'incoming', callId, peer: 'alice', media: 'video' };
const accepted = server({ type: 'accepted', callId, media: 'video', ...peers, remotePeerId: 'c'.repeat(32) });
const answered = server({ type: 'answered', callId, ...peers });
const flowing: CallEvent = { type: 'media-flowing', at: 500 };
const ready: CallEvent = { type: 'media-ready' };

describe('call machine: the happy paths', () => {
  it('caller: dial asks for media, rings once it has it, accepted opens the peer, media makes it connected', () => {
    const dialled = run([dial]);
    expect(dialled.state).toMatchObject({ phase: 'outgoing', rung: false, ringing: false, peer: 'bob' });
    expect(dialled.effects).toEqual([{ type: 'acquire-media', media: 'video' }]);
    const rung = run([dial, ready]);
    expect(rung.effects.at(-1)).toEqual({ type: 'send', message: { type: 'ring', callId, to: 'bob', media: 'video' } });
    expect(run([dial, ready, ready]).effects.filter((e) => e.type === 'send')).toHaveLength(1);
    expect(run([dial, ready, server({ type: 'ringing', callId, to: 'bob' })]).state).toMatchObject({ ringing: true });
    const connecting = run([dial, accepted]);
    expect(connecting.state).toMatchObject({ phase: 'connecting', role: 'caller' });
    expect(connecting.effects).toContainEqual(expect.objectContaining({ type: 'open-peer', remotePeerId: 'c'.repeat(32) }));
    expect(run([dial, accepted, flowing]).state).toMatchObject({ phase: 'connected', connectedAt: 500 });
  });

  it('callee: accept asks for media and tells the server, answered opens a peer that waits to be called', () => {
    const accepting = run([incoming, { type: 'accept', media: 'audio' }]);
    expect(accepting.state).toMatchObject({ phase: 'connecting', role: 'callee', media: 'audio' });
    expect(accepting.effects).toContainEqual({ type: 'send', message: { type: 'accept', callId, media: 'audio' } });
    const opened = run([incoming, { type: 'accept', media: 'video' }, answered]);
    expect(opened.effects).toContainEqual(expect.objectContaining({ type: 'open-peer', remotePeerId: null }));
  });

  it('the server\'s relay flag on answered and accepted opens the peer relay-only; without it, every path', () => {
    const relayed = (message: ServerMessage) => server({ ...message, relay: true } as ServerMessage);
    const open = (effects: readonly { type: string }[]) => effects.find((e) => e.type === 'open-peer');
    expect(open(run([dial, accepted]).effects)).toMatchObject({ relayOnly: false });
    const acceptedRelay = relayed({ type: 'accepted', callId, media: 'video', ...peers, remotePeerId: 'c'.repeat(32) });
    expect(open(run([dial, acceptedRelay]).effects)).toMatchObject({ relayOnly: true });
    const answeredRelay = relayed({ type: 'answered', callId, ...peers });
    expect(open(run([incoming, { type: 'accept', media: 'video' }, answeredRelay]).effects)).toMatchObject({ relayOnly: true });
  });

  it('opens the peer on the node the server named (several nodes), else on the server\'s own PeerServer', () => {
    const open = (effects: readonly { type: string }[]) => effects.find((e) => e.type === 'open-peer');
    const onNode = (message: ServerMessage) => server({ ...message, peerPath: '/n/node-b/peerjs' } as ServerMessage);
    expect(open(run([dial, accepted]).effects)).not.toHaveProperty('peerPath');
    expect(open(run([dial, onNode({ type: 'accepted', callId, media: 'video', ...peers, remotePeerId: 'c'.repeat(32) })]).effects)).toMatchObject({ peerPath: '/n/node-b/peerjs' });
    expect(open(run([incoming, { type: 'accept', media: 'video' }, onNode({ type: 'answered', callId, ...peers })]).effects)).toMatchObject({ peerPath: '/n/node-b/peerjs' });
  });

  it('a dropped path reconnects when media flows again', () => {
    const stalled = run([dial, accepted, flowing, { type: 'media-stalled' }]);
    expect(stalled.state.phase).toBe('reconnecting');
    expect(run([{ type: 'media-stalled' }], run([dial, accepted, flowing]).state).effects).toContainEqual({ type: 'restart-ice' });
    const calleeStalled = run([incoming, { type: 'accept', media: 'video' }, answered, flowing, { type: 'media-stalled' }]);
    expect(calleeStalled.effects).not.toContainEqual({ type: 'restart-ice' });
    expect(run([{ type: 'media-flowing', at: 900 }], stalled.state).state).toMatchObject({ phase: 'connected', connectedAt: 500 });
  });

  it('giving up on a dead connection tells the server why, so the other side reads "connection lost"', () => {
    const lost = run([dial, accepted, flowing, { type: 'media-stalled' }, { type: 'timeout', timer: 'reconnect' }]);
    expect(lost.effects).toContainEqual({ type: 'send', message: { type: 'hangup', callId, reason: 'connection-lost' } });
    expect(run([dial, accepted, flowing, { type: 'hangup' }]).effects).toContainEqual({ type: 'send', message: { type: 'hangup', callId } });
  });

  it('a new call can start from an ended one', () => {
    const ended = run([dial, { type: 'hangup' }]).state;
    expect(run([dial], ended).state.phase).toBe('outgoing');
    expect(run([incoming], ended).state.phase).toBe('incoming');
  });
});

describe('call machine: every end has its reason', () => {
  const cases: Array<[string, string, CallEvent[], boolean]> = [
    ['caller cancels while ringing', 'cancelled', [dial, ready, { type: 'hangup' }], true],
    ['caller cancels before the ring went out (the permission tab still open)', 'cancelled', [dial, { type: 'hangup' }], false],
    ['caller hangs up while connecting', 'hangup', [dial, accepted, { type: 'hangup' }], true],
    ['caller hangs up in the call', 'hangup', [dial, accepted, flowing, { type: 'hangup' }], true],
    ['hang up while reconnecting', 'hangup', [dial, accepted, flowing, { type: 'media-stalled' }, { type: 'hangup' }], true],
    ['callee declines', 'declined', [incoming, { type: 'decline' }], true],
    ['camera or microphone refused (caller): nobody was rung', 'media-denied', [dial, { type: 'media-failed' }], false],
    ['camera or microphone refused (callee)', 'media-denied', [incoming, { type: 'accept', media: 'video' }, { type: 'media-failed' }], true],
    ['peer fails while connecting', 'error', [dial, accepted, { type: 'peer-failed' }], true],
    ['peer fails in the call', 'connection-lost', [dial, accepted, flowing, { type: 'peer-failed' }], true],
    ['connecting takes too long', 'connection-lost', [dial, accepted, { type: 'timeout', timer: 'connect' }], true],
    ['reconnecting takes too long', 'connection-lost', [dial, accepted, flowing, { type: 'media-stalled' }, { type: 'timeout', timer: 'reconnect' }], true],
    ['server link lost while ringing', 'connection-lost', [dial, { type: 'disconnected' }], false],
    ['server link lost while being rung', 'connection-lost', [incoming, { type: 'disconnected' }], false],
  ];
  it.each(cases)('%s → %s', (_, reason, events, tellsServer) => {
    const { state, effects } = run(events);
    expect(state).toMatchObject({ phase: 'ended', reason });
    expect(effects).toContainEqual({ type: 'release' });
    const told = effects.some((e) => e.type === 'send' && (e.message.type === 'hangup' || e.message.type === 'decline'));
    expect(told).toBe(tellsServer);
  });

  it.each(['remote-hangup', 'declined', 'no-answer', 'cancelled', 'busy', 'offline', 'unavailable', 'answered-elsewhere', 'server-full'] as const)(
    'the server ends it: %s',
    (reason) => {
      const { state, effects } = run([server({ type: 'ended', callId, reason })], run([dial]).state);
      expect(state).toMatchObject({ phase: 'ended', reason, role: 'caller' });
      expect(effects.some((e) => e.type === 'send')).toBe(false);
    },
  );

  it('keeps who ended it and how long it lasted', () => {
    expect(run([incoming, { type: 'decline' }]).state).toMatchObject({ role: 'callee', connectedAt: null, endedAt: 1000 });
    expect(run([dial, accepted, flowing, { type: 'hangup' }]).state).toMatchObject({ role: 'caller', connectedAt: 500 });
  });
});

describe('call machine: what it ignores', () => {
  it('messages about another call', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const { state } = run([dial, server({ type: 'ended', callId: other, reason: 'busy' })]);
    expect(state.phase).toBe('outgoing');
  });

  it('events a phase does not expect, such as a second dial or a late accept', () => {
    const outgoing = run([dial]).state;
    expect(transition(outgoing, dial, 1).state).toBe(outgoing);
    expect(transition(initialCallState, { type: 'accept', media: 'video' }, 1)).toEqual({ state: initialCallState, effects: [] });
    expect(transition(run([dial, { type: 'hangup' }]).state, { type: 'hangup' }, 1).effects).toEqual([]);
  });

  it('answered is for the callee only', () => {
    const { effects } = run([dial, accepted, answered]);
    expect(effects.filter((e) => e.type === 'open-peer')).toHaveLength(1);
  });
});
