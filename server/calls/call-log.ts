import type { Log, LogFields } from '../log';

/** What happened to a call, as a field a log reader filters on. */
export type CallEvent = 'ring' | 'refused' | 'answered' | 'peer-open' | 'caller-told' | 'ended' | 'peers-closed' | 'relayed';

/**
 * One line of a call's story, on whichever node it happens: `callId` and `event` as fields, so one id looked
 * up in every node's log tells the call in order. Only the caller's account is ever named (on `ring`): who
 * was rung, and who answered, stays out, as it does from every other line.
 */
export function logCall(log: Log, callId: string, event: CallEvent, what: string, fields: LogFields = {}): void {
  log.info(`call ${callId} ${what}`, { callId, event, ...fields });
}
