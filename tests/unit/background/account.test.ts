import { beforeEach, describe, expect, it, vi } from 'vitest';
import { devIdentity, xSession } from '@/lib/storage/items';
import { devSignIn, helloFor, readSelf, rememberSignInMode, rememberWelcome, signOut } from '@/entrypoints/background/account';
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
    expect(await readSelf(true)).toEqual({ handle: 'bob', verified: false, connected: true, signIn: null, devHandle: 'bob' });
    await xSession.setValue(SESSION);
    expect(await readSelf(false)).toEqual({ handle: 'alice', verified: true, connected: false, signIn: null, devHandle: 'bob' });
  });

  it('the popup shows the name and picture the server welcomed this account with, and how the server signs people in', async () => {
    await xSession.setValue(SESSION);
    const avatarUrl = 'https://pbs.twimg.com/profile_images/1/normal.jpg';
    await rememberWelcome({ type: 'welcome', self: { handle: 'alice', verified: true, name: 'Alice A.', avatarUrl }, signIn: 'x' });
    expect(await readSelf(true)).toMatchObject({ handle: 'alice', name: 'Alice A.', avatarUrl, signIn: 'x' });
    // Another account since: not Alice's picture.
    await xSession.setValue({ ...SESSION, handle: 'carol' });
    expect(await readSelf(true)).not.toHaveProperty('name');
  });

  it('before anyone signs in, the popup knows from the server’s challenge how it signs people in', async () => {
    expect(await readSelf(false)).toMatchObject({ handle: null, signIn: null });
    await rememberSignInMode('dev');
    expect(await readSelf(false)).toMatchObject({ handle: null, signIn: 'dev' });
  });

  it('under development sign-in, signing out stops using the account x.com shows until the person signs in again', async () => {
    await devIdentity.setValue('bob');
    await rememberWelcome({ type: 'welcome', self: { handle: 'bob', verified: false }, signIn: 'dev' });
    await signOut(vi.fn(() => true), false);
    expect(await helloFor('n1')).toBeNull();
    expect(await readSelf(false)).toMatchObject({ handle: null, signIn: 'dev', devHandle: 'bob' });
    await devSignIn();
    expect(await helloFor('n2')).toEqual({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'bob' } });
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
