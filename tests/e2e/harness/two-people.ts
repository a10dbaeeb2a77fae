import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningServer } from '../../../server/app';
import type { LaunchOptions, Person } from './chromium';
import { connectedCall } from './connected-call';
import { launch, startE2EServer } from './world';

interface BothOptions {
  alice?: LaunchOptions;
  bob?: LaunchOptions;
}

/**
 * One real server for the test file, and Alice and Bob in browsers of their own for each test, closed
 * after it whatever happens. Call from the top of a test file.
 */
export function serverAndTwoPeople() {
  let server: RunningServer | undefined;
  let launched: Person[] = [];
  beforeAll(async () => {
    server = await startE2EServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    await Promise.all(launched.map((person) => person.close()));
    launched = [];
  });
  async function launchBoth(options: BothOptions = {}) {
    const [alice, bob] = await Promise.all([
      launch('alice', undefined, options.alice),
      launch('bob', undefined, options.bob),
    ]);
    launched.push(alice, bob);
    return { alice, bob };
  }
  return {
    launch: launchBoth,
    /** Alice and Bob, freshly launched, in a connected call Alice started from Bob's profile. */
    async inCall(media: 'audio' | 'video', options: BothOptions = {}) {
      const { alice, bob } = await launchBoth(options);
      return { alice, bob, ...(await connectedCall(alice, bob, media)) };
    },
  };
}
