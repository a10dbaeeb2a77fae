import { Redis, type Command, type RedisOptions } from 'ioredis';

/**
 * The only file that imports the Redis client (ioredis): the commands the cluster state uses, by name, and
 * pub/sub on a second connection (a subscribed connection can do nothing else).
 */
export interface RedisLink {
  get(key: string): Promise<string | null>;
  mget(keys: readonly string[]): Promise<Array<string | null>>;
  setPx(key: string, value: string, ms: number): Promise<void>;
  hset(key: string, field: string, value: string): Promise<void>;
  hdel(key: string, fields: readonly string[]): Promise<void>;
  hgetall(key: string): Promise<Record<string, string>>;
  sadd(key: string, member: string): Promise<void>;
  srem(key: string, member: string): Promise<number>;
  smembers(key: string): Promise<string[]>;
  del(key: string): Promise<void>;
  /** Members scored at most `max`. */
  zupTo(key: string, max: number): Promise<string[]>;
  zremUpTo(key: string, max: number): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /** A Lua script, loaded once and then called by its digest. */
  script(lua: string, keys: number): (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  /** The raw client, for rate-limiter-flexible's Redis store (server/rate-limit.ts). */
  readonly storeClient: unknown;
  quit(): Promise<void>;
}

/** Told of every Redis round trip (for /metrics): the command's name, its milliseconds, and whether it succeeded. */
export type RedisObserver = (command: string, ms: number, ok: boolean) => void;

/**
 * A client that times each command from when it is sent to its reply, whoever sends it (the cluster state, or
 * the rate limiter's store on `storeClient`). A command queued while the connection is down passes here again
 * when it is resent: it is timed once, from the first send, as its caller waited.
 */
class TimedRedis extends Redis {
  private readonly timed = new WeakSet<Command>();
  constructor(
    url: string,
    options: Pick<RedisOptions, 'lazyConnect' | 'maxRetriesPerRequest'>,
    private readonly observe: RedisObserver,
  ) {
    super(url, options);
  }

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    if (!this.timed.has(command)) {
      this.timed.add(command);
      const begun = performance.now();
      const done = (ok: boolean) => () => this.observe(command.name, performance.now() - begun, ok);
      command.promise.then(done(true), done(false));
    }
    return super.sendCommand(command, stream);
  }
}

export async function connectRedis(url: string, onError: (error: Error) => void, observe: RedisObserver = () => {}): Promise<RedisLink> {
  // Commands wait while the connection comes back (a Redis restart) instead of failing at once.
  const command = new TimedRedis(url, { lazyConnect: true, maxRetriesPerRequest: 20 }, observe);
  const subscriber = new TimedRedis(url, { lazyConnect: true }, observe);
  for (const client of [command, subscriber]) client.on('error', onError);
  await Promise.all([command.connect(), subscriber.connect()]);
  const handlers = new Map<string, (message: string) => void>();
  subscriber.on('message', (channel: string, message: string) => handlers.get(channel)?.(message));
  let scripts = 0;
  return {
    get: (key) => command.get(key),
    mget: (keys) => (keys.length ? command.mget(...keys) : Promise.resolve([])),
    setPx: async (key, value, ms) => void (await command.set(key, value, 'PX', Math.max(1, Math.round(ms)))),
    hset: async (key, field, value) => void (await command.hset(key, field, value)),
    hdel: async (key, fields) => void (fields.length && (await command.hdel(key, ...fields))),
    hgetall: (key) => command.hgetall(key),
    sadd: async (key, member) => void (await command.sadd(key, member)),
    srem: (key, member) => command.srem(key, member),
    smembers: (key) => command.smembers(key),
    del: async (key) => void (await command.del(key)),
    zupTo: (key, max) => command.zrangebyscore(key, '-inf', max),
    zremUpTo: async (key, max) => void (await command.zremrangebyscore(key, '-inf', max)),
    publish: async (channel, message) => void (await command.publish(channel, message)),
    script: (lua, numberOfKeys) => {
      const name = `ringside${++scripts}`;
      command.defineCommand(name, { numberOfKeys, lua });
      const run = (command as unknown as Record<string, (...args: Array<string | number>) => Promise<unknown>>)[name]!.bind(command);
      return (keys, args) => run(...keys, ...args);
    },
    subscribe: async (channel, handler) => {
      handlers.set(channel, handler);
      await subscriber.subscribe(channel);
    },
    storeClient: command,
    quit: async () => {
      await Promise.all([command.quit(), subscriber.quit()]);
    },
  };
}
