import type { ClusterState } from '../cluster/state';
import type { Call } from '../presence';

/** What a change to a call record decides, from the record as it is now: a new record, its removal, or nothing. */
export type Change = { next: Call | undefined; then: () => void } | undefined;

/**
 * Reads the call, decides, and replaces the record; retried while another node changes it in between, so
 * exactly one accept wins and a call ends once. `then` runs only once the replacement succeeded. True when a
 * change was made.
 */
export async function changeCall(state: ClusterState, callId: string, decide: (call: Call | undefined) => Change): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const call = await state.call(callId);
    const change = decide(call);
    if (!change) return false;
    if (await state.replaceCall(callId, call, change.next)) {
      change.then();
      return true;
    }
  }
  throw new Error(`call ${callId} kept changing under this node`);
}
