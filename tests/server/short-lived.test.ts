import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ShortLivedRecords } from '../../server/cluster/short-lived';
import { MemoryRecords } from '../../server/cluster/short-lived-memory';
import { RedisRecords } from '../../server/cluster/short-lived-redis';
import { redisForTests } from './redis';

const redis = redisForTests();

/** Two nodes' views of the same records: one object in process, two connections to one Redis. */
const implementations: Array<[string, () => Promise<[ShortLivedRecords, ShortLivedRecords]>]> = [
  [
    'in process',
    async () => {
      const records = new MemoryRecords(1000);
      return [records, records];
    },
  ],
  [
    'Redis',
    async () => {
      const prefix = `test:${randomUUID()}:`;
      const [a, b] = await Promise.all([redis.link(), redis.link()]);
      return [new RedisRecords(a, prefix), new RedisRecords(b, prefix)];
    },
  ],
];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(implementations)('short-lived records, %s', (_name, nodes) => {
  it('reads a record put on one node from the other, and gives it to one taker only', async () => {
    const [a, b] = await nodes();
    await a.put('state:1', '{"verifier":"v"}', 60_000);
    expect(await b.get('state:1')).toBe('{"verifier":"v"}');
    const takes = await Promise.all([a, b, a, b, a, b].map((node) => node.take('state:1')));
    expect(takes.filter((value) => value !== undefined)).toEqual(['{"verifier":"v"}']);
    expect([await a.get('state:1'), await b.take('state:1')]).toEqual([undefined, undefined]);
  });

  it('forgets a record once its time is up', async () => {
    const [a, b] = await nodes();
    await a.put('short', 'x', 40);
    await a.put('long', 'y', 60_000);
    await pause(80);
    expect([await b.get('short'), await b.take('short'), await b.get('long')]).toEqual([undefined, undefined, 'y']);
  });

  it('keeps a group to its quota by pushing out its own oldest, never another group’s', async () => {
    const [a, b] = await nodes();
    await a.put('stranger', 's', 60_000, { group: 'address-1', max: 3 });
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).put(`flood${i}`, String(i), 60_000, { group: 'address-2', max: 3 });
    const read = async (keys: string[]) => Promise.all(keys.map((key) => b.get(key)));
    expect(await read(['stranger', 'flood0', 'flood1', 'flood2', 'flood3', 'flood4'])).toEqual(['s', undefined, undefined, '2', '3', '4']);
    // A record taken frees its place: the next one pushes nobody out.
    expect(await a.take('flood2')).toBe('2');
    await b.put('flood5', '5', 60_000, { group: 'address-2', max: 3 });
    expect(await read(['flood3', 'flood4', 'flood5'])).toEqual(['3', '4', '5']);
  });
});

describe('short-lived records in process', () => {
  it('hold at most their bound, the oldest going first', async () => {
    const records = new MemoryRecords(3);
    for (const key of ['a', 'b', 'c', 'd']) await records.put(key, key, 60_000);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((key) => records.get(key)))).toEqual([undefined, 'b', 'c', 'd']);
  });
});
