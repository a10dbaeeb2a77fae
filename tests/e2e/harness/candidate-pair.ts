import type { JSHandle, Page } from 'puppeteer';

export interface SelectedPair {
  local: string;
  remote: string;
}

export interface PairTraffic {
  id: string;
  selected: boolean;
  localAddress: string;
  remoteAddress: string;
  bytesReceived: number;
}

/**
 * Runs `read` over the page's live RTCPeerConnections, found in the heap with queryObjects like
 * media-stats.ts: no test hook in the product.
 */
async function withConnections<T>(page: Page, read: (pcs: JSHandle<RTCPeerConnection[]>) => Promise<T>): Promise<T> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await read(connections);
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}

/** The candidate types (`host`, `srflx`, `relay`, ...) of the pair each connected RTCPeerConnection selected. */
export async function selectedCandidatePairs(page: Page): Promise<SelectedPair[]> {
  const pairs = await candidatePairs(page, 'connected');
  return pairs.filter((pair) => pair.selected).map(({ localType, remoteType }) => ({ local: localType, remote: remoteType }));
}

/**
 * Every candidate pair of every RTCPeerConnection not closed: its addresses, whether its transport selected it,
 * and the bytes it has received (media, not ICE checks). Chromium's pair ids are random, so unique in a page.
 */
export async function candidatePairTraffic(page: Page): Promise<PairTraffic[]> {
  const pairs = await candidatePairs(page, 'not closed');
  return pairs.map(({ localType: _l, remoteType: _r, ...traffic }) => traffic);
}

async function candidatePairs(page: Page, connections: 'connected' | 'not closed') {
  return withConnections(page, (handle) =>
    page.evaluate(
      async (pcs, which) => {
        const pairs = [];
        for (const pc of pcs) {
          if (which === 'connected' ? pc.connectionState !== 'connected' : pc.connectionState === 'closed') continue;
          const reports = new Map<string, Record<string, unknown>>();
          (await pc.getStats()).forEach((report: Record<string, unknown>) => reports.set(report.id as string, report));
          const transports = [...reports.values()].filter((report) => report.type === 'transport');
          const selected = new Set(transports.map((transport) => transport.selectedCandidatePairId));
          for (const pair of reports.values()) {
            if (pair.type !== 'candidate-pair') continue;
            const local = reports.get(pair.localCandidateId as string);
            const remote = reports.get(pair.remoteCandidateId as string);
            pairs.push({
              id: String(pair.id),
              selected: selected.has(pair.id as string),
              localType: String(local?.candidateType),
              remoteType: String(remote?.candidateType),
              localAddress: String(local?.address),
              remoteAddress: String(remote?.address),
              bytesReceived: Number(pair.bytesReceived ?? 0),
            });
          }
        }
        return pairs;
      },
      handle,
      connections,
    ),
  );
}
