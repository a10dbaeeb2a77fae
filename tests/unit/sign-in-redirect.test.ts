import { describe, expect, it } from 'vitest';
import { makePkce } from '../../lib/auth/pkce';
import { readRedirect } from '../../lib/auth/redirect';
import { createHash } from 'node:crypto';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

describe('readRedirect', () => {
  it('takes the code when the state is the one this sign-in sent', () => {
    expect(readRedirect(`${REDIRECT}?state=s1&code=c1`, REDIRECT, 's1')).toEqual({ ok: true, code: 'c1' });
  });

  it('refuses a missing or different state, even with a code', () => {
    expect(readRedirect(`${REDIRECT}?code=c1`, REDIRECT, 's1')).toEqual({ ok: false, reason: 'state' });
    expect(readRedirect(`${REDIRECT}?state=s2&code=c1`, REDIRECT, 's1')).toEqual({ ok: false, reason: 'state' });
  });

  it('reports a refusal at X, and anything not aimed at our redirect', () => {
    expect(readRedirect(`${REDIRECT}?state=s1&error=access_denied`, REDIRECT, 's1')).toEqual({ ok: false, reason: 'denied' });
    expect(readRedirect(`https://evil.example/?state=s1&code=c1`, REDIRECT, 's1')).toEqual({ ok: false, reason: 'malformed' });
    expect(readRedirect(undefined, REDIRECT, 's1')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('makePkce', () => {
  it('makes a fresh RFC 7636 verifier and its S256 challenge', async () => {
    const a = await makePkce();
    const b = await makePkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
  });
});
