import { createHash } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

/** Frozen with this migration (server/auth/sessions.ts keys rows the same way): base64url SHA-256. */
const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/** The two columns this migration reads, as they were when it was written. */
type Before = { sessions: { id: string }; session_revocations: { session_id: string } };

/**
 * Sessions keyed by a digest of their id instead of the id, so a copy of the database (a backup, a dump)
 * signs nobody in; the device key already has to sign each socket, this closes the rest. Existing sessions
 * are rekeyed in place and go on working.
 */
export const sessionDigests: Migration = {
  async up(db: Kysely<Before>) {
    for (const { id } of await db.selectFrom('sessions').select('id').execute()) {
      await db.updateTable('sessions').set({ id: digest(id) }).where('id', '=', id).execute();
    }
    for (const { session_id } of await db.selectFrom('session_revocations').select('session_id').execute()) {
      await db.updateTable('session_revocations').set({ session_id: digest(session_id) }).where('session_id', '=', session_id).execute();
    }
  },
};
