import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DevicePublicKey } from '../../lib/protocol/login-proof';
import { AccountStore } from '../../server/auth/accounts';
import { SessionStore } from '../../server/auth/sessions';
import { onP256 } from '../../server/auth/p256';
import { SignIn, SignInRefused } from '../../server/auth/sign-in';
import { silentLog } from '../../server/log';
import { openStorage } from '../../server/storage/storage';
import { newDevice, REDIRECT_URI } from './sign-in-client';

const app = { clientId: 'id', authorizeUrl: 'https://x.example/authorize', tokenUrl: 'https://x.example/token', apiUrl: 'https://x.example' };

async function setup() {
  const { db } = await openStorage({}, silentLog);
  const signIn = new SignIn(app, new AccountStore(db), new SessionStore(db, 3600_000, silentLog), async () => ({ id: '42', username: 'real_person', name: 'Real' }), silentLog);
  const publicKey = v.parse(DevicePublicKey, (await newDevice()).publicKey);
  const begin = (address: string) => {
    const verifier = randomBytes(48).toString('base64url');
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const { state } = signIn.begin({ devicePublicKey: publicKey, codeChallenge, redirectUri: REDIRECT_URI }, address);
    return { state, verifier };
  };
  const finish = ({ state, verifier }: { state: string; verifier: string }) => signIn.exchange({ state, code: 'code', codeVerifier: verifier });
  return { signIn, begin, finish, publicKey };
}

describe('pending sign-ins', () => {
  it('a flood from many addresses never locks a new address out', async () => {
    const { begin, finish } = await setup();
    // 12,000 begun from 600 addresses: more than the 10,000 the server holds.
    for (let a = 0; a < 600; a++) for (let i = 0; i < 20; i++) begin(`198.18.${a >> 8}.${a & 255}`);
    const stranger = begin('203.0.113.50');
    await expect(finish(stranger)).resolves.toMatchObject({ self: { handle: 'real_person' } });
  });

  it('a flood from one address only pushes out its own oldest sign-ins', async () => {
    const { begin, finish } = await setup();
    const stranger = begin('203.0.113.50');
    for (let i = 0; i < 2000; i++) begin('198.51.100.9');
    await expect(finish(stranger)).resolves.toMatchObject({ self: { handle: 'real_person' } });
  });

  it('refuses a device key that is not a point on P-256', async () => {
    const { signIn, publicKey } = await setup();
    const offCurve = { ...publicKey, y: Buffer.alloc(32, 7).toString('base64url') };
    expect(() => signIn.begin({ devicePublicKey: offCurve, codeChallenge: 'a'.repeat(43), redirectUri: REDIRECT_URI }, '127.0.0.1')).toThrow(SignInRefused);
  });
});

describe('onP256', () => {
  it('agrees with OpenSSL on real keys and refuses points off the curve', async () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = await newDevice();
      expect(onP256(publicKey.x, publicKey.y)).toBe(true);
      expect(onP256(publicKey.x, Buffer.alloc(32, i).toString('base64url'))).toBe(false);
    }
    expect(onP256('_'.repeat(43), 'A'.repeat(43))).toBe(false);
  });
});
