import { describe, expect, it } from 'vitest';
import { sdpFingerprints, verifyCode } from '../../lib/call/verify-code';

const fp = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');
const sdp = (fingerprint: string) =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', `a=fingerprint:sha-256 ${fingerprint}`, 'm=video 9 UDP/TLS/RTP/SAVPF 96', `a=fingerprint:sha-256 ${fingerprint}`, ''].join('\r\n');

const alice = sdp(fp('AB'));
const bob = sdp(fp('CD'));

describe('verification code', () => {
  it('reads each distinct fingerprint once, normalised', () => {
    expect(sdpFingerprints(sdp(fp('ab')))).toEqual([`sha-256 ${fp('AB')}`]);
    expect(sdpFingerprints('v=0\r\n')).toEqual([]);
  });

  it('is the same on both sides: twelve digits in groups of four', async () => {
    const onAlice = await verifyCode(alice, bob);
    expect(onAlice).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(await verifyCode(bob, alice)).toBe(onAlice);
  });

  it('differs when someone in the middle brings their own certificate', async () => {
    const honest = await verifyCode(alice, bob);
    const mallory = sdp(fp('EF'));
    expect(await verifyCode(alice, mallory)).not.toBe(honest);
    expect(await verifyCode(mallory, bob)).not.toBe(honest);
    expect(await verifyCode(alice, sdp(fp('CD').replace(/D$/, 'E')))).not.toBe(honest);
  });

  it('gives no code without a fingerprint on either side', async () => {
    expect(await verifyCode(alice, 'v=0\r\n')).toBeNull();
  });
});
