import { startLoopbackCoturn, type LoopbackCoturn } from '../../../scripts/loopback-coturn.mjs';

export { freeUdpPort } from '../../../scripts/loopback-coturn.mjs';

/** A real coturn (Debian's /usr/bin/turnserver) on loopback: the very relay `npm start` runs. */
export type TestTurn = LoopbackCoturn;

export async function startCoturn(): Promise<TestTurn> {
  const turn = await startLoopbackCoturn();
  // The relay tests mean nothing without it: .ci/run installs coturn (scripts/ensure-system.mjs).
  if (!turn) throw new Error('coturn is not installed (no turnserver on PATH): apt-get install coturn, as npm test does as root');
  return turn;
}
