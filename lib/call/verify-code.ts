/**
 * The verification code both people compare aloud. It is derived from the DTLS certificate fingerprints of
 * both ends of the media connection: with nobody in between, each side sees the same two fingerprints and
 * so the same code; a man in the middle terminates DTLS separately with each side, so the pairs differ.
 * 12 digits (about 40 bits): an attacker would have to find colliding certificates during call setup.
 */
export const VERIFY_CODE_DIGITS = 12;

/** `a=fingerprint:` lines of an SDP, normalised (algorithm lower case, hex upper case), deduplicated. */
export function sdpFingerprints(sdp: string): string[] {
  const found = new Set<string>();
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    found.add(`${match[1]!.toLowerCase()} ${match[2]!.toUpperCase()}`);
  }
  return [...found].sort();
}

/** Same result whichever side computes it: the two ends' fingerprints are sorted before hashing. */
export async function verifyCode(localSdp: string, remoteSdp: string): Promise<string | null> {
  const local = sdpFingerprints(localSdp).join(',');
  const remote = sdpFingerprints(remoteSdp).join(',');
  if (!local || !remote) return null;
  const input = new TextEncoder().encode(['ringside-verify-v1', ...[local, remote].sort()].join('\n'));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  let value = 0n;
  for (const byte of digest.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
  const digits = (value % 10n ** BigInt(VERIFY_CODE_DIGITS)).toString().padStart(VERIFY_CODE_DIGITS, '0');
  return digits.match(/\d{4}/g)!.join(' ');
}
