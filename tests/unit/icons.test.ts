import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ICON_SIZES, ICON_STATES, iconFile, type IconState } from '@/lib/toolbar/icon-files';
import { iconState } from '@/entrypoints/background/toolbar-icon';
import { renderIcons } from '@/scripts/icons';

/** A PNG's width and height, from its IHDR chunk (always first, at a fixed offset). */
function pngSize(png: Buffer) {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const dir = mkdtempSync(path.join(tmpdir(), 'ringside-icons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the toolbar icon', () => {
  // What the build's `build:publicAssets` hook (wxt.config.ts) runs and copies into the extension.
  const files = renderIcons(dir);

  it('the build renders every state at 16, 32, 48 and 128 px, each PNG of its own size', () => {
    const states = Object.keys(ICON_STATES) as IconState[];
    expect(files.map((file) => file.relativeDest).sort()).toEqual(states.flatMap((state) => ICON_SIZES.map((size) => iconFile(state, size))).sort());
    for (const state of states) {
      for (const size of ICON_SIZES) {
        const file = files.find((f) => f.relativeDest === iconFile(state, size))!;
        expect(pngSize(readFileSync(file.absoluteSrc)), file.relativeDest).toEqual({ width: size, height: size });
      }
    }
    // The manifest's icons are the signed-in ones, under the names WXT discovers.
    expect(ICON_SIZES.map((size) => iconFile('idle', size))).toEqual(['icon/16.png', 'icon/32.png', 'icon/48.png', 'icon/128.png']);
  });

  it('each state looks different', () => {
    const at16 = (state: IconState) => readFileSync(files.find((f) => f.relativeDest === iconFile(state, 16))!.absoluteSrc).toString('base64');
    expect(new Set([at16('idle'), at16('in-call'), at16('signed-out')]).size).toBe(3);
  });

  it('shows signed out (grey) before anything else, then a call while a call window is open', () => {
    expect(iconState(false, 1)).toBe('signed-out');
    expect(iconState(true, 0)).toBe('idle');
    expect(iconState(true, 2)).toBe('in-call');
  });
});
