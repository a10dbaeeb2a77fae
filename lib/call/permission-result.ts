import * as v from 'valibot';

/**
 * The permission page tells the call window how the person answered, over a BroadcastChannel (both are
 * pages of the extension's own origin). Its getUserMedia having succeeded is the proof that media can be
 * had, which a permission "change" event alone does not give as early.
 */
export const PERMISSION_CHANNEL = 'ringside-permission';

export const PermissionResult = v.picklist(['granted', 'microphone-only', 'denied']);
export type PermissionResult = v.InferOutput<typeof PermissionResult>;

/** An answer the call can go on with: the microphone at least. */
export type Allowed = Exclude<PermissionResult, 'denied'>;
