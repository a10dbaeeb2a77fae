import type { Page } from 'puppeteer';

export interface InboundMedia {
  /** Sum of inbound audio energy (getStats `totalAudioEnergy`); silence adds nothing. */
  audioEnergy: number;
  audioPackets: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  videoTracksSent: number;
  /** ICE usernameFragment of the local description: it changes when ICE restarts. */
  localUfrag: string;
}

/**
 * Reads what arrives in a call window from its RTCPeerConnections' getStats, found in the heap with
 * queryObjects (no test hook in the product).
 */
export async function readInboundMedia(page: Page): Promise<InboundMedia> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await page.evaluate(async (pcs: RTCPeerConnection[]) => {
      const result = { audioEnergy: 0, audioPackets: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0, videoTracksSent: 0, localUfrag: '' };
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((r: Record<string, unknown>) => {
          if (r.type !== 'inbound-rtp') return;
          if (r.kind === 'audio') {
            result.audioEnergy += Number(r.totalAudioEnergy ?? 0);
            result.audioPackets += Number(r.packetsReceived ?? 0);
          }
          if (r.kind === 'video') {
            result.framesDecoded += Number(r.framesDecoded ?? 0);
            result.frameWidth = Math.max(result.frameWidth, Number(r.frameWidth ?? 0));
            result.frameHeight = Math.max(result.frameHeight, Number(r.frameHeight ?? 0));
          }
        });
        result.videoTracksSent += pc.getSenders().filter((s) => s.track?.kind === 'video').length;
        result.localUfrag = /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? result.localUfrag;
      }
      return result;
    }, connections);
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How much a counter grows over `ms`: the difference between two samples. */
export async function growth(page: Page, pick: (m: InboundMedia) => number, ms = 1200): Promise<number> {
  const before = pick(await readInboundMedia(page));
  await pause(ms);
  return pick(await readInboundMedia(page)) - before;
}

/**
 * Whether a second's growth of inbound audio energy is sound. The fake microphone's beeps add about 0.3 a
 * second; a muted sender adds nothing, or floating-point dust (1e-9 seen on CI) from the decoder's concealment.
 */
export const audible = (grown: number) => grown > 1e-6;
export const silent = (grown: number) => !audible(grown);

/** Polls until `check` holds for the growth of a counter, or fails after `timeout`. */
export async function waitForGrowth(
  page: Page,
  pick: (m: InboundMedia) => number,
  check: (grown: number) => boolean,
  timeout = 15_000,
): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const grown = await growth(page, pick, 1000);
    if (check(grown)) return grown;
    if (Date.now() > deadline) throw new Error(`counter growth stayed at ${grown}`);
  }
}

/**
 * The settings of the track a call window sends (deviceId; displaySurface for a shared screen), with the
 * track's content hint.
 */
export async function sentTrackSettings(
  page: Page,
  kind: 'audio' | 'video',
): Promise<(MediaTrackSettings & { contentHint: string }) | null> {
  const prototype = await page.evaluateHandle(() => RTCPeerConnection.prototype);
  const connections = await page.queryObjects(prototype);
  try {
    return await page.evaluate(
      (pcs: RTCPeerConnection[], wanted: string) => {
        const track = pcs.flatMap((pc) => pc.getSenders()).find((s) => s.track?.kind === wanted)?.track;
        return track ? { ...track.getSettings(), contentHint: track.contentHint } : null;
      },
      connections,
      kind,
    );
  } finally {
    await connections.dispose();
    await prototype.dispose();
  }
}
