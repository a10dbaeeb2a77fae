import { backup, restore } from '../server/storage/backup';

/** `npm run backup -- FILE` / `npm run restore -- FILE`, with the server's own DATA_DIR or DATABASE_URL. */
const [action, file] = process.argv.slice(2);
const config = { dataDir: process.env.DATA_DIR || undefined, databaseUrl: process.env.DATABASE_URL || undefined };
if ((action !== 'backup' && action !== 'restore') || !file) {
  console.error('Usage: npm run backup -- FILE, or with the server stopped, npm run restore -- FILE');
  process.exit(2);
}
try {
  (action === 'backup' ? backup : restore)(config, file);
  console.log(action === 'backup' ? `Backed up to ${file}.` : `Restored from ${file}.`);
} catch (error) {
  console.error(`Not done: ${(error as Error).message}`);
  process.exit(1);
}
