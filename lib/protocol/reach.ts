import * as v from 'valibot';
import { Handle } from './handle';

/**
 * Who can reach whom: the settings, lists and requests an account keeps on the server, and the messages that
 * change them. Everything here applies before the next ring, on every device of the account.
 */

export const WhoCanCall = v.picklist(['everyone', 'contacts', 'nobody']);
export type WhoCanCall = v.InferOutput<typeof WhoCanCall>;

/** `dnd`: nobody rings, calls arrive as missed; `invisible`: offline to everyone, can still call out. */
export const Status = v.picklist(['available', 'dnd', 'invisible']);
export type Status = v.InferOutput<typeof Status>;

export const ReachSettings = v.strictObject({
  whoCanCall: WhoCanCall,
  status: Status,
  /** Relay every call through TURN, whoever the other person is. */
  alwaysRelay: v.boolean(),
});
export type ReachSettings = v.InferOutput<typeof ReachSettings>;

/** Strangers are kept out until the person says otherwise. */
export const DEFAULT_REACH_SETTINGS: ReachSettings = { whoCanCall: 'contacts', status: 'available', alwaysRelay: false };

export const MAX_CONTACTS = 1000;
export const MAX_BLOCKED = 1000;
export const MAX_REQUESTS = 100;

/** A caller the policy refused: shown silently to the callee, at most one per caller per day. */
export const CallRequest = v.strictObject({
  handle: Handle,
  at: v.number(),
  /** False when the caller's identity is unproven (development sign-in). */
  verified: v.boolean(),
});
export type CallRequest = v.InferOutput<typeof CallRequest>;

/** The account's whole reach state, sent on welcome and again to every device after each change. */
export const Reach = v.strictObject({
  contacts: v.pipe(v.array(Handle), v.maxLength(MAX_CONTACTS)),
  blocked: v.pipe(v.array(Handle), v.maxLength(MAX_BLOCKED)),
  requests: v.pipe(v.array(CallRequest), v.maxLength(MAX_REQUESTS)),
  settings: ReachSettings,
});
export type Reach = v.InferOutput<typeof Reach>;

/** Client → server: each changes the account's reach state; the answer is a fresh `reach` (or `limited`). */
export const REACH_MESSAGES = [
  v.strictObject({ type: v.literal('contact.add'), handle: Handle }),
  v.strictObject({ type: v.literal('contact.remove'), handle: Handle }),
  v.strictObject({ type: v.literal('block'), handle: Handle }),
  v.strictObject({ type: v.literal('unblock'), handle: Handle }),
  v.strictObject({ type: v.literal('request.dismiss'), handle: Handle }),
  v.strictObject({ type: v.literal('settings.set'), settings: v.pipe(v.partial(ReachSettings), v.check((s) => Object.keys(s).length > 0, 'no setting')) }),
] as const;

/** Most handles one device may watch for presence at once (the people on its screens and its contacts). */
export const MAX_WATCHED_HANDLES = 200;

/** What a server limit refused; the client puts it into words ("You are calling too often…"). */
export const LimitedAction = v.picklist(['ring', 'reach', 'presence']);
export type LimitedAction = v.InferOutput<typeof LimitedAction>;
