import { describe, expect, it } from 'vitest';
import { earliestSample, OBSERVERS_LABEL, windowFigures, type GeckoProfile } from '../../bench/gecko-profile';

const EXT = 'moz-extension://b3e2d6f1-8c4e-4d2f-a05b-726566657265/';
const strings = ['RefreshDriver tick', OBSERVERS_LABEL, 'grow (https://x.com/home:40:5)', `place (${EXT}content.js:20:1)`, 'Perform microtasks'];
/** Stacks: 0 tick, 1 tick > observers, 2 page script, 3 page script > extension, 4 microtasks > extension. */
const stackTable = { schema: { prefix: 0, frame: 1 }, data: [[null, 0], [0, 1], [null, 2], [2, 3], [null, 4], [4, 3]] };
const frameTable = { schema: { location: 0 }, data: strings.map((_, i) => [i]) };

function contentThread(samples: Array<[number | null, number, number]>) {
  return {
    name: 'GeckoMain',
    processName: 'Web Content',
    samples: { schema: { stack: 0, time: 1, threadCPUDelta: 2 }, data: samples },
    stackTable,
    frameTable,
    stringTable: strings,
  };
}

// The parent's main thread is never counted: the page runs in a content process.
const profile: GeckoProfile = {
  meta: { startTime: 1000 },
  threads: [{ ...contentThread([[3, 10, 9e6]]), processName: 'Parent Process' }],
  processes: [
    {
      meta: { startTime: 2000 },
      threads: [
        contentThread([
          [2, 5, 1e6], // before the window
          [2, 10, 2e6],
          [3, 11, 500_000],
          [5, 12, 250_000],
          [1, 13, 1e6],
          [null, 14, 100_000],
          [3, 30, 4e6], // second window
        ]),
      ],
    },
  ],
};

describe('windowFigures', () => {
  it("sums each window's CPU time by what is on the stack, in content processes only, on the epoch clock", () => {
    const [first, second] = windowFigures(profile, [{ start: 2010, end: 2014 }, { start: 2020, end: 2040 }], EXT, 'https://x.com/');
    expect(first).toEqual({ extensionMs: 0.75, extensionSamples: 2, observersMs: 1, pageScriptMs: 2.5, mainThreadMs: 3.85 });
    expect(second).toEqual({ extensionMs: 4, extensionSamples: 1, observersMs: 0, pageScriptMs: 4, mainThreadMs: 4 });
  });

  it('counts no extension time for a browser without one', () => {
    const [only] = windowFigures(profile, [{ start: 2000, end: 2100 }], null, 'https://x.com/');
    expect(only!.extensionMs).toBe(0);
  });
});

it("tells when the profiler's ring buffer has dropped the start", () => {
  expect(earliestSample(profile)).toBe(2005);
});
