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

if (server.metricsUrl) console.log(`Metrics on ${server.metricsUrl}`);

let stopping = false;
async function stop(drain: boolean): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (drain) {
    console.log('Draining: new clients go elsewhere, calls in progress may finish');
    const { cutShort } = await server.drain();
    if (cutShort) console.log(`Drain deadline reached: ${cutShort} device(s) cut off mid-call`);
  }
  await server.close();
  // peer's housekeeping timers cannot be stopped from outside, so the event loop would never empty.
  process.exit(0);
}
// SIGTERM is how an orchestrator or a deploy stops a node: drain. Ctrl-C in a terminal stops at once, and a
// second SIGTERM does not wait for the drain either.
process.on('SIGINT', () => void stop(false));
process.on('SIGTERM', () => (stopping ? process.exit(0) : void stop(true)));
