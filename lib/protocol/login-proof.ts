import * as v from 'valibot';

/**
 * What a device signs to open a session's socket, shared by the extension (signer) and the server (verifier).
 * The nonce is fresh for each socket and single-use, so a captured signature opens nothing later.
 */
export const Nonce = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));
/** 32 random bytes, base64url. */
export const SessionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));
/** ECDSA P-256 over SHA-256 in WebCrypto's IEEE P1363 form (r || s, 64 bytes), base64url. */
export const LoginSignature = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/));

/** A P-256 public key as WebCrypto exports it, with nothing else allowed in. */
export const DevicePublicKey = v.object({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type DevicePublicKey = v.InferOutput<typeof DevicePublicKey>;

export function loginProofText(nonce: string, sessionId: string): string {
  return `ringside-login/v1\n${nonce}\n${sessionId}`;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
