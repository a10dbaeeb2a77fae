import type { Page } from 'puppeteer';

export interface MediaStats {
  audioPacketsReceived: number;
  framesDecoded: number;
  videoTracksSent: number;
  remoteVideoWidth: number;
}

/**
 * Reads getStats from every RTCPeerConnection alive in the call window, found in its heap with
 * queryObjects: the product needs no test hook for this.
 */
export async function readMediaStats(page: Page): Promise<MediaStats> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await page.evaluate(async (pcs: RTCPeerConnection[]) => {
      const result = { audioPacketsReceived: 0, framesDecoded: 0, videoTracksSent: 0, remoteVideoWidth: 0 };
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((report: { type: string; kind?: string; packetsReceived?: number; framesDecoded?: number }) => {
          if (report.type !== 'inbound-rtp') return;
          if (report.kind === 'audio') result.audioPacketsReceived += report.packetsReceived ?? 0;
          if (report.kind === 'video') result.framesDecoded += report.framesDecoded ?? 0;
        });
        result.videoTracksSent += pc.getSenders().filter((s) => s.track?.kind === 'video').length;
      }
      const remote = document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]');
      result.remoteVideoWidth = remote?.videoWidth ?? 0;
      return result;
    }, connections);
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}
