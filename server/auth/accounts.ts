import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An account is an X user id; the handle is only what X called it at the last sign-in. */
export interface Account {
  userId: string;
  /** null once someone else signed in with this handle: the old owner must sign in again to learn theirs. */
  handle: string | null;
  name: string;
  profileImageUrl?: string;
  createdAt: number;
}

export interface XUser {
  id: string;
  username: string;
  name: string;
  profileImageUrl?: string;
}

export interface AccountStore {
  get(userId: string): Account | undefined;
  /** Records what X said at sign-in; returns the accounts that lost the handle to this one. */
  signedIn(user: XUser): { account: Account; displaced: Account[] };
}

/** In memory, written through to `accounts.json` under DATA_DIR when one is given. */
export class FileAccountStore implements AccountStore {
  private readonly accounts = new Map<string, Account>();
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'accounts.json');
    let saved: Account[] = [];
    try {
      saved = JSON.parse(readFileSync(this.file, 'utf8')) as Account[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const account of saved) this.accounts.set(account.userId, account);
  }

  get(userId: string): Account | undefined {
    return this.accounts.get(userId);
  }

  signedIn(user: XUser): { account: Account; displaced: Account[] } {
    const handle = user.username.toLowerCase();
    const displaced: Account[] = [];
    for (const other of this.accounts.values()) {
      if (other.userId !== user.id && other.handle === handle) {
        other.handle = null;
        displaced.push(other);
      }
    }
    const previous = this.accounts.get(user.id);
    const account: Account = {
      userId: user.id,
      handle,
      name: user.name,
      profileImageUrl: user.profileImageUrl,
      createdAt: previous?.createdAt ?? Date.now(),
    };
    this.accounts.set(user.id, account);
    this.save();
    return { account, displaced };
  }

  private save(): void {
    if (!this.file) return;
    // Written beside and renamed, so a crash mid-write never leaves half a file.
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify([...this.accounts.values()], null, 1));
    renameSync(temp, this.file);
  }
}
