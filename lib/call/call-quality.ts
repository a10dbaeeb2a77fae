/**
 * Connection quality as people understand it, from getStats: round trip time, packet loss and how many
 * packets arrive (a packet rate, not a bitrate: a muted microphone still sends 50 tiny packets a second).
 * "Reconnecting" is the call machine's phase, not a sample.
 */
export type Quality = 'good' | 'poor';

export interface QualitySample {
  /** Seconds, from the selected candidate pair. */
  roundTripTime: number | null;
  packetsReceived: number;
  packetsLost: number;
  /** The loudest inbound audio level, 0..1. */
  audioLevel: number;
}

export const EMPTY_QUALITY_SAMPLE: QualitySample = {
  roundTripTime: null,
  packetsReceived: 0,
  packetsLost: 0,
  audioLevel: 0,
};

interface StatsEntry {
  type: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
  packetsReceived?: number;
  packetsLost?: number;
  audioLevel?: number;
}

export function readQuality(stats: Iterable<StatsEntry>): QualitySample {
  const sample = { ...EMPTY_QUALITY_SAMPLE };
  for (const report of stats) {
    if (report.type === 'candidate-pair' && report.state === 'succeeded' && report.nominated) {
      sample.roundTripTime = report.currentRoundTripTime ?? sample.roundTripTime;
    }
    if (report.type !== 'inbound-rtp') continue;
    sample.packetsReceived += report.packetsReceived ?? 0;
    sample.packetsLost += Math.max(0, report.packetsLost ?? 0);
    if (report.kind === 'audio') sample.audioLevel = Math.max(sample.audioLevel, report.audioLevel ?? 0);
  }
  return sample;
}

const POOR_RTT_S = 0.4;
const POOR_LOSS = 0.05;
/** Opus alone sends 50 packets a second: far fewer means most of the call is not arriving. */
const POOR_PACKETS_PER_S = 10;
export const SPEAKING_LEVEL = 0.02;

export function classify(before: QualitySample, after: QualitySample, seconds: number): Quality {
  const received = after.packetsReceived - before.packetsReceived;
  const lost = after.packetsLost - before.packetsLost;
  const loss = received + lost > 0 ? lost / (received + lost) : 0;
  const rate = received / seconds;
  if ((after.roundTripTime ?? 0) > POOR_RTT_S || loss > POOR_LOSS || rate < POOR_PACKETS_PER_S) return 'poor';
  return 'good';
}
