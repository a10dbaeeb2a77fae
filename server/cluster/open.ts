import { describeFailure, type Log } from '../log';
import { InProcessState } from './in-process';
import { connectRedis } from './redis-adapter';
import { RedisState } from './redis-state';
import type { ClusterState } from './state';

/** Redis when `redisUrl` is set, else everything in this process. */
export async function openClusterState({ redisUrl, node, heartbeatMs }: { redisUrl?: string; node: string; heartbeatMs?: number }, log: Log): Promise<ClusterState> {
  if (!redisUrl) return new InProcessState(node);
  const redis = await connectRedis(redisUrl, (error) => log.error(`redis: ${describeFailure(error)}`));
  return RedisState.start(node, redis, log, heartbeatMs);
}
