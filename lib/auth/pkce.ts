import { toBase64Url } from '../protocol/login-proof';

/** RFC 7636 with S256: 32 random bytes as the verifier, the base64url SHA-256 of it as the challenge. */
export async function makePkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: toBase64Url(new Uint8Array(digest)) };
}
