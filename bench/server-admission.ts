import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchEnv } from './report';
import { admissionFigures, CLIENTS, IDLE_SECONDS, idlePhases, OVER_CAP, SESSION_CLIENTS } from './server';

/**
 * `npm run bench -- server-admission`: the admission phases of `server` alone (Ringside's development sign-in
 * pushed past its cap, the stock PeerServer and bare `ws` as references in the same run, then the session
 * sign-in), for repeating while admission is worked on. Its
 * figures replace those phases' in bench/results/server.json and leave every other phase's as they were.
 */
export async function benchServerAdmission(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const idle = await idlePhases();
  const file = path.resolve('bench/results/server.json');
  const report = JSON.parse(readFileSync(file, 'utf8')) as { figures: Record<string, unknown> };
  const { idleSignedInClientsHeld, rssPerIdleClientKiB, heapPerIdleClientKiB, admitSeconds, admitRatioToBareWs } = admissionFigures(idle);
  const figures = report.figures as Record<'rssPerIdleClientKiB' | 'admitSeconds' | 'idle', object>;
  report.figures = {
    ...figures,
    idleSignedInClientsHeld,
    rssPerIdleClientKiB: { ...figures.rssPerIdleClientKiB, ...rssPerIdleClientKiB },
    heapPerIdleClientKiB,
    admitSeconds: { ...figures.admitSeconds, ...admitSeconds },
    admitRatioToBareWs,
    idle: { ...figures.idle, ...idle },
    admissionRun: {
      command: `${benchEnv()}npm run bench -- server-admission`,
      date: new Date().toISOString(),
      phases: Object.keys(idle),
      sizes: { clients: CLIENTS, overCap: OVER_CAP, sessionClients: SESSION_CLIENTS, idleSeconds: IDLE_SECONDS },
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
