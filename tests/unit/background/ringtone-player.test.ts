import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRingtonePlayer } from '@/entrypoints/background/ringtone-player';

/** Chromium's offscreen API, as far as the player uses it: at most one document, and create throws if one exists. */
function fakeOffscreen() {
  const offscreen = {
    open: false,
    createDocument: vi.fn(async (_options: { url: string; reasons: string[] }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (offscreen.open) throw new Error('Only a single offscreen document may be created.');
      offscreen.open = true;
    }),
    closeDocument: vi.fn(async () => {
      if (!offscreen.open) throw new Error('No current offscreen document.');
      offscreen.open = false;
    }),
    hasDocument: async () => offscreen.open,
  };
  return offscreen;
}

/** Firefox's event page: an Audio element that records whether it is playing. */
class FakeAudio {
  static made: FakeAudio[] = [];
  loop = false;
  paused = true;
  inDocument = false;
  constructor(readonly src: string) {
    FakeAudio.made.push(this);
  }
  async play() {
    this.paused = false;
  }
  pause() {
    this.paused = true;
  }
  remove() {
    this.inDocument = false;
  }
}

/** The event page's document, as far as the player uses it. */
const fakeDocument = { body: { append: (audio: FakeAudio) => void (audio.inDocument = true) } };

describe('the ringtone player', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeAudio.made = [];
  });

  it('where there is an offscreen API, rings by opening one document for audio and stops by closing it, whatever the order of changes', async () => {
    const offscreen = fakeOffscreen();
    vi.stubGlobal('chrome', { offscreen });
    vi.stubGlobal('Audio', FakeAudio);
    const player = createRingtonePlayer();
    await Promise.all([player.set(true), player.set(true)]);
    expect(offscreen.open).toBe(true);
    expect(offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(offscreen.createDocument.mock.calls[0]![0]).toMatchObject({ url: expect.stringMatching(/\/offscreen\.html$/), reasons: ['AUDIO_PLAYBACK'] });

    await Promise.all([player.set(false), player.set(true), player.set(false)]);
    expect(offscreen.open).toBe(false);
    expect(FakeAudio.made).toHaveLength(0);
  });

  it('without one (Firefox), loops an Audio element of the ringtone in the page’s document, and pauses and removes it to stop', async () => {
    vi.stubGlobal('chrome', undefined);
    vi.stubGlobal('Audio', FakeAudio);
    vi.stubGlobal('document', fakeDocument);
    const player = createRingtonePlayer();
    await player.set(true);
    await player.set(true);
    expect(FakeAudio.made).toHaveLength(1);
    const [audio] = FakeAudio.made;
    expect(audio).toMatchObject({ loop: true, paused: false, inDocument: true, src: expect.stringMatching(/\/ringtone\.wav$/) });
    await player.set(false);
    expect(audio).toMatchObject({ paused: true, inDocument: false });
  });
});
