import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DevicePublicKey } from '../../lib/protocol/login-proof';
import { AccountStore } from '../../server/auth/accounts';
import { SessionStore } from '../../server/auth/sessions';
import type { ShortLivedRecords } from '../../server/cluster/short-lived';
import { MemoryRecords } from '../../server/cluster/short-lived-memory';
import { RedisRecords } from '../../server/cluster/short-lived-redis';
import { onP256 } from '../../server/auth/p256';
import { SignIn, SignInRefused } from '../../server/auth/sign-in';
import { silentLog } from '../../server/log';
import { openStorage } from '../../server/storage/storage';
import { redisForTests } from './redis';
import { newDevice, REDIRECT_URI } from './sign-in-client';

const app = { clientId: 'id', authorizeUrl: 'https://x.example/authorize', tokenUrl: 'https://x.example/token', apiUrl: 'https://x.example' };

const redis = redisForTests();

/** A node holds 1,000 records here (MAX_PENDING_SIGN_INS), so a flood past it stays small. */
const HELD = 1000;
const stores: Array<[string, () => Promise<ShortLivedRecords>]> = [
  ['in process', async () => new MemoryRecords(HELD)],
  [
    'Redis',
    async () => new RedisRecords(await redis.link(), `test:${randomBytes(4).toString('hex')}:`),
  ],
];

async function setup(records: ShortLivedRecords) {
  const { db } = await openStorage({}, silentLog);
  const signIn = new SignIn(app, new AccountStore(db), new SessionStore(db, 3600_000, silentLog), async () => ({ id: '42', username: 'real_person', name: 'Real' }), silentLog, { records });
  const publicKey = v.parse(DevicePublicKey, (await newDevice()).publicKey);
  const begin = async (address: string) => {
    const verifier = randomBytes(48).toString('base64url');
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const { state } = await signIn.begin({ devicePublicKey: publicKey, codeChallenge, redirectUri: REDIRECT_URI }, address);
    return { state, verifier };
  };
  const finish = ({ state, verifier }: { state: string; verifier: string }) => signIn.exchange({ state, code: 'code', codeVerifier: verifier });
  return { signIn, begin, finish, publicKey };
}

describe.each(stores)('pending sign-ins, %s', (_name, makeRecords) => {
  it('a flood from many addresses never locks a new address out', async () => {
    const { begin, finish } = await setup(await makeRecords());
    // 1,200 begun from 60 addresses: more than the 1,000 a node holds in process.
    for (let a = 0; a < 60; a++) await Promise.all(Array.from({ length: 20 }, () => begin(`198.18.0.${a}`)));
    const stranger = await begin('203.0.113.50');
    await expect(finish(stranger)).resolves.toMatchObject({ self: { handle: 'real_person' } });
  });

  it('a flood from one address only pushes out its own oldest sign-ins', async () => {
    const { begin, finish } = await setup(await makeRecords());
    const stranger = await begin('203.0.113.50');
    const flood = [];
    for (let i = 0; i < 1500; i++) flood.push(await begin('198.51.100.9'));
    await expect(finish(stranger)).resolves.toMatchObject({ self: { handle: 'real_person' } });
    // The address keeps its 20 latest; the one before them is gone.
    await expect(finish(flood[flood.length - 21]!)).rejects.toThrow(SignInRefused);
    await expect(finish(flood[flood.length - 20]!)).resolves.toMatchObject({ self: { handle: 'real_person' } });
  });

  it('uses a state once: the second exchange is refused', async () => {
    const { begin, finish } = await setup(await makeRecords());
    const begun = await begin('203.0.113.7');
    await expect(finish(begun)).resolves.toMatchObject({ self: { handle: 'real_person' } });
    await expect(finish(begun)).rejects.toThrow('That sign-in was not started here or has expired');
  });

  it('refuses a device key that is not a point on P-256', async () => {
    const { signIn, publicKey } = await setup(await makeRecords());
    const offCurve = { ...publicKey, y: Buffer.alloc(32, 7).toString('base64url') };
    await expect(signIn.begin({ devicePublicKey: offCurve, codeChallenge: 'a'.repeat(43), redirectUri: REDIRECT_URI }, '127.0.0.1')).rejects.toThrow(SignInRefused);
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
