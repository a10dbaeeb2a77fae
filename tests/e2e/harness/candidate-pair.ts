import type { Page } from 'puppeteer';

export interface SelectedPair {
  local: string;
  remote: string;
}

/**
 * The candidate types (`host`, `srflx`, `relay`, ...) of the pair each live RTCPeerConnection in the page
 * selected, read from getStats through the heap like media-stats.ts: no test hook in the product.
 */
export async function selectedCandidatePairs(page: Page): Promise<SelectedPair[]> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await page.evaluate(async (pcs: RTCPeerConnection[]) => {
      const pairs: { local: string; remote: string }[] = [];
      for (const pc of pcs) {
        if (pc.connectionState !== 'connected') continue;
        const reports = new Map<string, Record<string, unknown>>();
        (await pc.getStats()).forEach((report: Record<string, unknown>) => reports.set(report.id as string, report));
        for (const report of reports.values()) {
          if (report.type !== 'transport' || !report.selectedCandidatePairId) continue;
          const pair = reports.get(report.selectedCandidatePairId as string);
          const local = reports.get(pair?.localCandidateId as string);
          const remote = reports.get(pair?.remoteCandidateId as string);
          pairs.push({ local: String(local?.candidateType), remote: String(remote?.candidateType) });
        }
      }
      return pairs;
    }, connections);
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}
