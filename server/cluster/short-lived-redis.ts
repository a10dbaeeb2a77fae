import type { RedisLink } from './redis-adapter';
import type { ShortLivedRecords } from './short-lived';

/*
 * A record is one string key with an expiry; its text starts with its group's key and a newline (empty: none),
 * so taking it also strikes it from its group. A group is a list of its record keys, oldest first, that lives as
 * long as its newest record; a key whose record expired stays listed until pushed out, which costs nothing.
 */
const PUT_IN_GROUP = `
redis.call('SET', KEYS[1], KEYS[2] .. '\\n' .. ARGV[1], 'PX', ARGV[2])
redis.call('RPUSH', KEYS[2], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local over = redis.call('LLEN', KEYS[2]) - tonumber(ARGV[3])
if over > 0 then redis.call('DEL', unpack(redis.call('LPOP', KEYS[2], over))) end
return 1`;

const TAKE = `
local text = redis.call('GET', KEYS[1])
if not text then return false end
redis.call('DEL', KEYS[1])
local cut = string.find(text, '\\n', 1, true)
local group = string.sub(text, 1, cut - 1)
if group ~= '' then redis.call('LREM', group, 1, KEYS[1]) end
return string.sub(text, cut + 1)`;

/** Short-lived records in Redis, under `prefix`: every node reads the same, and a take is one atomic script. */
export class RedisRecords implements ShortLivedRecords {
  private readonly putInGroup: ReturnType<RedisLink['script']>;
  private readonly takeScript: ReturnType<RedisLink['script']>;

  constructor(
    private readonly redis: RedisLink,
    private readonly prefix: string,
  ) {
    this.putInGroup = redis.script(PUT_IN_GROUP, 2);
    this.takeScript = redis.script(TAKE, 1);
  }

  async put(key: string, value: string, ttlMs: number, quota?: { group: string; max: number }): Promise<void> {
    const ms = Math.max(1, Math.round(ttlMs));
    if (!quota) return this.redis.setPx(this.prefix + key, `\n${value}`, ms);
    await this.putInGroup([this.prefix + key, `${this.prefix}group:${quota.group}`], [value, ms, quota.max]);
  }

  async get(key: string): Promise<string | undefined> {
    const text = await this.redis.get(this.prefix + key);
    return text === null ? undefined : text.slice(text.indexOf('\n') + 1);
  }

  async take(key: string): Promise<string | undefined> {
    const value = await this.takeScript([this.prefix + key], []);
    return typeof value === 'string' ? value : undefined;
  }
}
