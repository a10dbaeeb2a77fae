import { AccountStore } from '../../server/auth/accounts';
import { SessionStore } from '../../server/auth/sessions';
import { collectLog } from '../../server/log';
import { openStorage } from '../../server/storage/storage';
import type { DevicePublicKey } from '../../lib/protocol/login-proof';
import type { LoadProcesses } from './processes';

const THIRTY_DAYS = 30 * 24 * 3_600_000;

/**
 * What Sign in with X leaves behind, written straight into the server's database before it starts: one account
 * and one session bound to each load client's own device key (made in its load process, which keeps the
 * private half). The OAuth round trips themselves are the sign-in tests' business; this measures the hello.
 */
export async function seedSessions(dataDir: string, load: LoadProcesses, clients: number, processOf: (index: number) => number): Promise<string[]> {
  const indices = Array.from({ length: clients }, (_, i) => i);
  const keys = await load.all<{ publicKeys: DevicePublicKey[] }>((w) => ({ cmd: 'keys', indices: indices.filter((i) => processOf(i) === w) }));
  const publicKeyOf = new Map<number, DevicePublicKey>();
  keys.forEach(({ publicKeys }, w) => indices.filter((i) => processOf(i) === w).forEach((index, k) => publicKeyOf.set(index, publicKeys[k]!)));
  const storage = await openStorage({ dataDir }, collectLog([]));
  try {
    const accounts = new AccountStore(storage.db);
    const sessions = new SessionStore(storage.db, THIRTY_DAYS, collectLog([]));
    const ids: string[] = [];
    for (const index of indices) {
      const userId = String(1_000_000 + index);
      await accounts.signedIn({ id: userId, username: `s${index}`, name: `Bench ${index}` });
      ids.push((await sessions.create(userId, publicKeyOf.get(index)!)).id);
    }
    return ids;
  } finally {
    await storage.close();
  }
}
