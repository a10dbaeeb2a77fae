import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { Log } from '../log';
import type { Schema } from './schema';

/** What the server before the database wrote, rewritten whole at each sign-in. */
const LegacyAccounts = v.array(
  v.object({
    userId: v.string(),
    handle: v.nullable(v.string()),
    name: v.string(),
    profileImageUrl: v.optional(v.string()),
    createdAt: v.number(),
  }),
);

/**
 * The upgrade path: an `accounts.json` under DATA_DIR is copied into the database once, then renamed
 * `accounts.json.imported`. Rows already in the database win, so a crash between the copy and the rename
 * only means the same copy again. A file that does not parse is left where it is and the server starts.
 */
export async function importLegacyAccounts(db: Kysely<Schema>, dataDir: string, log: Log): Promise<void> {
  const file = join(dataDir, 'accounts.json');
  let accounts: v.InferOutput<typeof LegacyAccounts>;
  try {
    accounts = v.parse(LegacyAccounts, JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    log.warn(`${file} was not imported, it could not be read (${v.isValiError(error) ? v.summarize(error.issues) : (error as Error).message}); the file is left as it is`);
    return;
  }
  const rows = accounts.map((a) => ({
    user_id: a.userId,
    handle: a.handle,
    name: a.name,
    profile_image_url: a.profileImageUrl ?? null,
    created_at: a.createdAt,
  }));
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insertInto('accounts').values(rows.slice(i, i + 500)).onConflict((c) => c.doNothing()).execute();
    }
  });
  await rename(file, `${file}.imported`);
  log.info(`imported ${rows.length} accounts from ${file} (now ${file}.imported)`);
}
