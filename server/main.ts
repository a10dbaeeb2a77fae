import { startServer } from './app';
import { loadConfig, type ServerConfig } from './config';

function notStarted(error: unknown): never {
  console.error(`Ringside server not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function configOrExit(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    notStarted(error);
  }
}

const server = await startServer(configOrExit()).catch(notStarted);
const mode = server.signIn === 'dev' ? 'development sign-in: identities are unverified' : 'Sign in with X';
console.log(`Ringside server listening on ${server.url} (${mode})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  // peer's housekeeping timers cannot be stopped from outside, so the event loop would never empty.
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
