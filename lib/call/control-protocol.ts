import * as v from 'valibot';

/**
 * Messages the two call windows exchange over their own data channel. The other side is untrusted input:
 * every message is parsed against this schema and anything else is dropped.
 */
export const MAX_CONTROL_MESSAGE_CHARS = 64_000;

export const PeerMediaState = v.strictObject({
  muted: v.boolean(),
  cameraOff: v.boolean(),
  sharing: v.boolean(),
});
export type PeerMediaState = v.InferOutput<typeof PeerMediaState>;

export const ControlMessage = v.variant('type', [
  v.strictObject({ type: v.literal('state'), state: PeerMediaState }),
  /** Offers and answers for renegotiation (adding video, restarting ICE): PeerJS cannot renegotiate. */
  v.strictObject({
    type: v.literal('sdp'),
    description: v.strictObject({
      type: v.picklist(['offer', 'answer']),
      sdp: v.pipe(v.string(), v.maxLength(MAX_CONTROL_MESSAGE_CHARS)),
    }),
  }),
]);
export type ControlMessage = v.InferOutput<typeof ControlMessage>;

export function decodeControlMessage(raw: unknown): ControlMessage | null {
  if (typeof raw !== 'string' || raw.length > MAX_CONTROL_MESSAGE_CHARS) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = v.safeParse(ControlMessage, json);
  return parsed.success ? parsed.output : null;
}

export function encodeControlMessage(message: ControlMessage): string {
  return JSON.stringify(message);
}
