import type { ServerMessage } from '@/lib/protocol/wire';
import type { CallIntents } from './call-intents';
import type { CallPorts } from './call-ports';
import { addRing, clearRing, currentRings } from './ring-inbox';

/** What the background does with each message from the server; a call's own messages go to its window. */
export function createServerMessageHandler(deps: {
  windows: Pick<CallPorts, 'holds' | 'deliver' | 'held'>;
  intents: Pick<CallIntents, 'answeredHere'>;
  presenceAnswer: (message: Extract<ServerMessage, { type: 'presence' }>) => void;
  warn: (line: string) => void;
}) {
  const { windows } = deps;
  return async function onServerMessage(message: ServerMessage): Promise<void> {
    switch (message.type) {
      case 'ring': {
        // The server repeats a waiting ring when this device reconnects; a window may have taken it already,
        // or be taking it (asked again after the storage read).
        if (windows.holds(message.callId) || (await deps.intents.answeredHere(message.callId)) || windows.holds(message.callId)) return;
        const { callId, from, media, expiresAt, verified, guest } = message;
        return addRing({ callId, from, media, expiresAt, verified: verified === true, ...(guest && { guest }) });
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
      case 'presence':
        deps.presenceAnswer(message);
        return;
      case 'error':
        deps.warn(`server: ${message.message}`);
        return;
      case 'welcome': {
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
