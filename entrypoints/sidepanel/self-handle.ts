import { devIdentity, xSession } from '@/lib/storage/items';

/** Who this browser is signed in to Ringside as, read the way the background reads it (account.ts). */
export async function readSelfHandle(): Promise<string | null> {
  return (await xSession.getValue())?.handle ?? (await devIdentity.getValue());
}

/** Calls back with the handle now and whenever a sign-in or sign-out changes it. */
export function watchSelfHandle(onChange: (handle: string | null) => void): void {
  const reread = () => void readSelfHandle().then(onChange);
  xSession.watch(reread);
  devIdentity.watch(reread);
  reread();
}
