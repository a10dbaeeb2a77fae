import type { ServerMessage } from '@/lib/protocol/wire';
import type { CallIntents } from './call-intents';
import type { CallPorts } from './call-ports';
import type { PresenceWatch } from './presence-watch';
import type { ReachKeeper } from './reach';
import { markCallsSeen, recordCall } from './call-history';
import { addRing, clearRing, currentRings } from './ring-inbox';

/** What the background does with each message from the server; a call's own messages go to its window. */
export function createServerMessageHandler(deps: {
  windows: Pick<CallPorts, 'holds' | 'deliver' | 'held'>;
  intents: Pick<CallIntents, 'answeredHere'>;
  presence: Pick<PresenceWatch, 'received'>;
  reach: Pick<ReachKeeper, 'received' | 'limited' | 'welcomed'>;
  warn: (line: string) => void;
}) {
  const { windows } = deps;
  return async function onServerMessage(message: ServerMessage): Promise<void> {
    switch (message.type) {
      case 'ring': {
        // The server repeats a waiting ring when this device reconnects; a window may have taken it already,
        // or be taking it (asked again after the storage read).
        if (windows.holds(message.callId) || (await deps.intents.answeredHere(message.callId)) || windows.holds(message.callId)) return;
        const { callId, from, media, expiresAt, verified, name, avatarUrl, guest } = message;
        const profile = { ...(name ? { name } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
        return addRing({ callId, from, media, expiresAt, verified: verified === true, ...profile, ...(guest && { guest }) });
      }
      case 'ended':
        await clearRing(message.callId, message.reason);
        windows.deliver(message);
        return;
      case 'ringing':
      case 'answered':
      case 'accepted':
        windows.deliver(message);
        return;
      case 'missed':
        // Do not disturb (or invisible): the call never rang; the log keeps it as missed, quietly.
        return recordCall({ callId: message.callId, handle: message.from, direction: 'in', media: message.media, startedAt: message.at, durationMs: 0, reason: 'no-answer' }, true);
      case 'missed.seen':
        // Another device of this person showed its calls: the missed ones from before then are seen.
        return markCallsSeen(message.upTo);
      case 'presence.changed':
        return deps.presence.received(message.states);
      case 'reach': {
        const { contacts, blocked, requests, settings } = message;
        return deps.reach.received({ contacts, blocked, requests, settings });
      }
      case 'limited':
        // A refused ring ends the call with words of its own (`rate-limited`); watches are bounded here already.
        if (message.action === 'reach') deps.reach.limited();
        else deps.warn(`server limited ${message.action}`);
        return;
      case 'error':
        deps.warn(`server: ${message.message}`);
        return;
      case 'welcome': {
        await deps.reach.welcomed(message.relay);
        if (!message.calls) return;
        // A ring or call the server no longer knows was lost while the link was down (a restart): end it, in words.
        const held = [...windows.held(), ...(await currentRings()).map((ring) => ring.callId)];
        for (const callId of held) if (!message.calls.includes(callId)) await onServerMessage({ type: 'ended', callId, reason: 'connection-lost' });
        return;
      }
      case 'challenge':
      case 'pong':
        return;
    }
  };
}
