import * as v from 'valibot';

/** Every way a call can end; DESIGN §5 makes these the values of `data-end-reason`. */
export const END_REASONS = [
  'hangup',
  'remote-hangup',
  'declined',
  'no-answer',
  'cancelled',
  'busy',
  'offline',
  'unavailable',
  'answered-elsewhere',
  'connection-lost',
  'media-denied',
  'error',
  /** The caller is over a server limit (rings a minute, rings to one stranger an hour). */
  'rate-limited',
  /** The call must be relayed to hide an address and the server has no TURN: refused before ringing. */
  'relay-unavailable',
  /** The server holds all the calls it can (sockets, descriptors): both people are told, and may try later. */
  'server-full',
] as const;

export type EndReason = (typeof END_REASONS)[number];

/** The subset the server may announce: the rest are decided on the device itself. */
export const SERVER_END_REASONS = [
  'remote-hangup',
  'declined',
  'no-answer',
  'cancelled',
  'busy',
  /** Only once a call rang: every device of the callee left and none came back. A ring to someone offline ends `unavailable`. */
  'offline',
  /** Refused, blocked, offline, do not disturb or invisible: alike, so the caller learns nothing. */
  'unavailable',
  'answered-elsewhere',
  /** Relayed when the other window gave up on a dead connection (hangup with that reason). */
  'connection-lost',
  'rate-limited',
  'relay-unavailable',
  'server-full',
] as const satisfies readonly EndReason[];

export const ServerEndReason = v.picklist(SERVER_END_REASONS);
