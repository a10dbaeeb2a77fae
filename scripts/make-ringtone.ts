import { writeFileSync } from 'node:fs';

/**
 * Writes public/ringtone.wav, the ringtone: a soft two-note chime (G5 then E5, a falling major third; each
 * note a sine with a quiet octave and twelfth, a 10 ms attack and a bell-like decay), then silence, looped
 * by the player. 8 kHz 8-bit mono keeps it about 14 KB, and every partial stays under 4 kHz.
 * Regenerate with `npx tsx scripts/make-ringtone.ts`; the output is the same on every run.
 */
const RATE = 8000;
const SECONDS = 1.8;
const PEAK = 0.42; // of full scale: a chime, not an alarm
const NOTES = [
  { hz: 784, at: 0 },
  { hz: 659.25, at: 0.3 },
];
const PARTIALS = [
  { ratio: 1, gain: 1 },
  { ratio: 2, gain: 0.22 },
  { ratio: 3, gain: 0.06 },
];

/** Each note under its own envelope; higher partials fade faster, as on a struck bar. */
function sample(t: number): number {
  let sum = 0;
  for (const note of NOTES) {
    const local = t - note.at;
    if (local < 0) continue;
    const envelope = Math.min(1, local / 0.01) * Math.exp(-local / 0.28);
    for (const { ratio, gain } of PARTIALS) {
      sum += envelope * gain * Math.exp((-local * (ratio - 1)) / 0.3) * Math.sin(2 * Math.PI * note.hz * ratio * local);
    }
  }
  return sum;
}

const count = Math.round(RATE * SECONDS);
const raw = Array.from({ length: count }, (_, i) => sample(i / RATE));
const scale = PEAK / Math.max(...raw.map(Math.abs));
// A fixed pseudo-random triangular dither hides 8-bit steps in the quiet tail; fixed, so runs are identical.
let seed = 1;
const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const wav = Buffer.alloc(44 + count);
wav.write('RIFF', 0);
wav.writeUInt32LE(36 + count, 4);
wav.write('WAVEfmt ', 8);
wav.writeUInt32LE(16, 16); // fmt chunk size
wav.writeUInt16LE(1, 20); // PCM
wav.writeUInt16LE(1, 22); // mono
wav.writeUInt32LE(RATE, 24);
wav.writeUInt32LE(RATE, 28); // bytes per second
wav.writeUInt16LE(1, 32); // block align
wav.writeUInt16LE(8, 34); // bits per sample
wav.write('data', 36);
wav.writeUInt32LE(count, 40);
raw.forEach((value, i) => {
  const dithered = value * scale * 127 + (noise() - noise());
  wav.writeUInt8(Math.max(0, Math.min(255, Math.round(128 + dithered))), 44 + i);
});

writeFileSync(new URL('../public/ringtone.wav', import.meta.url), wav);
console.info(`public/ringtone.wav: ${wav.length} bytes, ${SECONDS} s`);
