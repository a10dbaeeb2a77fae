import { describe, expect, it } from 'vitest';
import { signedInAs, xWorld } from './sign-in-client';

const TURN = { secret: 'reach-x-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };
const x = xWorld({ turn: TURN });

const online = (id: string, username: string) => signedInAs(x.server, x.standIn, id, username);

describe('reach under Sign in with X: accounts are X user ids', () => {
  it('keeps a verified stranger out with a request, and keeps a contact through a rename while the old handle’s new owner stays out', async () => {
    const dan = await online('4001', 'dan');
    let carol = await online('4002', 'carol');
    const callId = carol.ring('dan');
    expect(await carol.next('ended')).toEqual({ type: 'ended', callId, reason: 'unavailable' });
    expect((await dan.until('reach', (r) => r.requests.length > 0)).requests).toMatchObject([{ handle: 'carol', verified: true }]);

    dan.send({ type: 'contact.add', handle: 'carol' });
    expect((await dan.until('reach', (r) => r.contacts.length > 0)).requests).toEqual([]);
    await carol.close();
    carol = await online('4002', 'carol_renamed');
    const impostor = await online('4003', 'carol');

    impostor.ring('dan');
    expect((await impostor.next('ended')).reason).toBe('unavailable');
    carol.ring('dan');
    await carol.next('ringing');
    expect((await dan.next('ring')).from).toBe('carol_renamed');
    // Dan's list shows the name X gives her now.
    const again = await online('4001', 'dan');
    expect(again.reach!.contacts).toEqual(['carol_renamed']);
    await Promise.all([dan.close(), carol.close(), impostor.close(), again.close()]);
  });
});
