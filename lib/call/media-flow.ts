/**
 * "Connected" means media arrives: audio packets received or video frames decoded keep increasing,
 * read from getStats. PeerJS's `stream` event fires before ICE connects, so it proves nothing.
 */
export interface InboundSample {
  audioPackets: number;
  videoFrames: number;
}

export const EMPTY_SAMPLE: InboundSample = { audioPackets: 0, videoFrames: 0 };

interface InboundRtp {
  type: string;
  kind?: string;
  packetsReceived?: number;
  framesDecoded?: number;
}

export function readInbound(stats: Iterable<InboundRtp>): InboundSample {
  const sample = { ...EMPTY_SAMPLE };
  for (const report of stats) {
    if (report.type !== 'inbound-rtp') continue;
    if (report.kind === 'audio') sample.audioPackets += report.packetsReceived ?? 0;
    if (report.kind === 'video') sample.videoFrames += report.framesDecoded ?? 0;
  }
  return sample;
}

export function progressed(before: InboundSample, after: InboundSample): boolean {
  return after.audioPackets > before.audioPackets || after.videoFrames > before.videoFrames;
}

/** How many samples in a row without progress mean the path is gone. */
export const STALL_SAMPLES = 6;
export const SAMPLE_INTERVAL_MS = 500;

export interface FlowWatch {
  stop(): void;
}

export function watchMediaFlow(
  pc: RTCPeerConnection,
  events: { onFlowing(at: number): void; onStalled(): void; onSample?(stats: unknown[]): void },
): FlowWatch {
  let last = EMPTY_SAMPLE;
  let idle = 0;
  let flowing = false;
  const timer = setInterval(async () => {
    const stats = [...(await pc.getStats()).values()] as InboundRtp[];
    events.onSample?.(stats);
    const sample = readInbound(stats);
    if (progressed(last, sample)) {
      idle = 0;
      if (!flowing) events.onFlowing(Date.now());
      flowing = true;
    } else if (flowing && ++idle >= STALL_SAMPLES) {
      flowing = false;
      events.onStalled();
    }
    last = sample;
  }, SAMPLE_INTERVAL_MS);
  return { stop: () => clearInterval(timer) };
}
