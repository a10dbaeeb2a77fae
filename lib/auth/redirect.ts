/** What X's redirect back to the extension means, checked against the state this sign-in sent. */
export type RedirectOutcome =
  | { ok: true; code: string }
  | { ok: false; reason: 'denied' | 'state' | 'malformed' };

export function readRedirect(redirectedTo: string | undefined, redirectUri: string, expectedState: string): RedirectOutcome {
  if (!redirectedTo) return { ok: false, reason: 'malformed' };
  let url: URL;
  try {
    url = new URL(redirectedTo);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (`${url.origin}${url.pathname}` !== new URL(redirectUri).href.replace(/\?.*$/, '')) return { ok: false, reason: 'malformed' };
  if (url.searchParams.get('state') !== expectedState) return { ok: false, reason: 'state' };
  if (url.searchParams.has('error')) return { ok: false, reason: 'denied' };
  const code = url.searchParams.get('code');
  return code ? { ok: true, code } : { ok: false, reason: 'malformed' };
}
