import { describeFailure, type Log } from '../log';
import { InProcessState } from './in-process';
import { connectRedis, type RedisObserver } from './redis-adapter';
import { RedisState } from './redis-state';
import type { ClusterState } from './state';

/** Redis when `redisUrl` is set, else everything in this process; `observe` is told of each Redis round trip. */
export async function openClusterState(
  { redisUrl, node, heartbeatMs, maxPendingSignIns }: { redisUrl?: string; node: string; heartbeatMs?: number; maxPendingSignIns?: number },
  log: Log,
  observe?: RedisObserver,
): Promise<ClusterState> {
  if (!redisUrl) return new InProcessState(node, maxPendingSignIns);
  const redis = await connectRedis(redisUrl, (error) => log.error(`redis: ${describeFailure(error)}`), observe);
  return RedisState.start(node, redis, log, heartbeatMs);
}
