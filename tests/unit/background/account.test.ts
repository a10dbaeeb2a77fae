import { beforeEach, describe, expect, it, vi } from 'vitest';
import { devIdentity, xSession } from '@/lib/storage/items';
import { helloFor, readSelf, signOut } from '@/entrypoints/background/account';
import { resetBrowser } from './fakes';

vi.mock('@/lib/auth/device-key', () => ({ signLogin: async (nonce: string, sessionId: string) => `signed(${nonce},${sessionId})` }));

const SESSION = { sessionId: 's'.repeat(43), expiresAt: Date.now() + 3_600_000, handle: 'alice' };

describe('who this device is', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('signs in with its session, proved with the device key; else as the account x.com shows; else not at all', async () => {
    await devIdentity.setValue('bob');
    await xSession.setValue(SESSION);
    expect(await helloFor('n1')).toEqual({ type: 'hello', v: 1, auth: { kind: 'session', sessionId: SESSION.sessionId, signature: `signed(n1,${SESSION.sessionId})` } });
    await xSession.setValue(null);
    expect(await helloFor('n2')).toEqual({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'bob' } });
    await devIdentity.setValue(null);
    expect(await helloFor('n3')).toBeNull();
  });

  it('the popup sees the verified account, or the unverified one x.com shows', async () => {
    await devIdentity.setValue('bob');
    expect(await readSelf(true)).toEqual({ handle: 'bob', verified: false, connected: true });
    await xSession.setValue(SESSION);
    expect(await readSelf(false)).toEqual({ handle: 'alice', verified: true, connected: false });
  });

  it('signing out tells the server and forgets the session', async () => {
    await xSession.setValue(SESSION);
    const send = vi.fn(() => true);
    await signOut(send, true);
    expect(send).toHaveBeenCalledWith({ type: 'sign-out', everywhere: true });
    expect(await xSession.getValue()).toBeNull();
  });

  it('signing out while the server is away still forgets the session here', async () => {
    await xSession.setValue(SESSION);
    await signOut(() => false, false);
    expect(await xSession.getValue()).toBeNull();
    expect(await readSelf(false)).toMatchObject({ verified: false });
  });
});
