import type { Migration } from 'kysely';
import { accountsAndSessions } from './0001-accounts-and-sessions';
import { reach } from './0002-reach';
import { callLinks } from './0003-call-links';
import { sessionDigests } from './0004-session-digests';
import { carriedRings } from './0005-carried-rings';

/**
 * Every schema change, applied in the order of these names. To change the schema, add a file
 * `NNNN-what-it-does.ts` beside this one, list it here with the next number, and update `../schema.ts`.
 * Never edit or renumber one that has shipped: databases out there have already run it.
 * A migration runs on SQLite and PostgreSQL alike, so it sticks to types both know (text, bigint, integer).
 */
export const migrations: Record<string, Migration> = {
  '0001-accounts-and-sessions': accountsAndSessions,
  '0002-reach': reach,
  '0003-call-links': callLinks,
  '0004-session-digests': sessionDigests,
  '0005-carried-rings': carriedRings,
};
