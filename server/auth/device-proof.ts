import { createPublicKey, verify } from 'node:crypto';
import { loginProofText, type DevicePublicKey } from '../../lib/protocol/login-proof';

/** True when `signature` is the device key's ECDSA P-256 signature of this socket's nonce and the session. */
export function verifyLoginProof(key: DevicePublicKey, nonce: string, sessionId: string, signature: string): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y }, format: 'jwk' });
    return verify(
      'sha256',
      Buffer.from(loginProofText(nonce, sessionId)),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    // A point off the curve or a malformed key proves nothing.
    return false;
  }
}
