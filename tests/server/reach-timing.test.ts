import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childServer } from './child-server';
import { Client, makeContacts, setReach } from './client';

/** In its own process, so the server's work after an answer (keeping a request) is not timed as the caller's. */
let server: Awaited<ReturnType<typeof childServer>>;
beforeAll(async () => {
  server = await childServer({ RINGS_PER_MINUTE: '10000', RINGS_TO_STRANGER_PER_HOUR: '10000' });
}, 30_000);
afterAll(() => server.stop());

const ROUNDS = 40;
/** Under the socket's 20 messages a second. */
const PACE_MS = 60;

function shuffled<T>(items: T[], seed = 14): T[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

describe('a caller cannot tell a refusal from someone offline', () => {
  it('answers both with the same message, in the same time within noise', async () => {
    // `away` would let Alice call (a contact) but is offline; `refusing` is online, contacts-only, a stranger.
    await makeContacts(server.wsUrl, 'alice', 'away');
    await setReach(server.wsUrl, 'refusing', { whoCanCall: 'contacts' });
    const online = await Client.signIn(server.wsUrl, 'refusing');
    const alice = await Client.signIn(server.wsUrl, 'alice');

    const answers = { refusing: new Set<string>(), away: new Set<string>() };
    const times = { refusing: [] as number[], away: [] as number[] };
    // Shuffled (a fixed seed), not alternated: a strict alternation lets anything periodic favour one side.
    const order = shuffled([...Array<'away'>(ROUNDS).fill('away'), ...Array<'refusing'>(ROUNDS).fill('refusing')]);
    for (const to of order) {
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
      const started = process.hrtime.bigint();
      const callId = alice.ring(to);
      const { callId: answered, ...rest } = await alice.next('ended');
      times[to].push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(answered).toBe(callId);
      answers[to].add(JSON.stringify(rest));
    }
    expect([...answers.refusing]).toEqual([JSON.stringify({ type: 'ended', reason: 'unavailable' })]);
    expect([...answers.away]).toEqual([...answers.refusing]);

    const [refused, offline] = [median(times.refusing), median(times.away)];
    // The noise itself: the spread between the two halves of the same kind of ring.
    const halves = (xs: number[]) => Math.abs(median(xs.filter((_, i) => i % 2)) - median(xs.filter((_, i) => !(i % 2))));
    const noise = Math.max(halves(times.refusing), halves(times.away));
    console.info(`median time to "unavailable" over ${ROUNDS} rings each: refused ${refused.toFixed(2)} ms, offline ${offline.toFixed(2)} ms (noise ${noise.toFixed(2)} ms)`);
    expect(Math.abs(refused - offline)).toBeLessThan(Math.max(0.5, 3 * noise));
    await Promise.all([alice.close(), online.close()]);
  }, 30_000);
});
