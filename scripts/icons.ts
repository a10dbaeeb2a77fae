import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ICON_SIZES, ICON_STATES, iconFile, type IconState } from '../lib/toolbar/icon-files';

const SOURCE = new URL('../assets/icon.svg', import.meta.url);
/** The one colour in assets/icon.svg that each state replaces. */
const BASE_COLOUR = ICON_STATES.idle;

/** Every rendered file, relative to the output directory, for WXT's typed `runtime.getURL`. */
export const ICON_PATHS = Object.keys(ICON_STATES).flatMap((state) => ICON_SIZES.map((size) => iconFile(state as IconState, size)));

/**
 * Renders assets/icon.svg to every toolbar state at every size, into `dir`, and returns the files as WXT's
 * `build:publicAssets` hook takes them. resvg draws the same pixels on every machine (no system fonts or
 * libraries involved), so the build needs no image tool installed.
 */
export function renderIcons(dir: string): { absoluteSrc: string; relativeDest: string }[] {
  const svg = readFileSync(SOURCE, 'utf8');
  if (svg.split(BASE_COLOUR).length !== 2) throw new Error(`assets/icon.svg must use ${BASE_COLOUR} exactly once`);
  const files = [];
  for (const [state, colour] of Object.entries(ICON_STATES) as [IconState, string][]) {
    for (const size of ICON_SIZES) {
      const png = new Resvg(svg.replace(BASE_COLOUR, colour), { fitTo: { mode: 'width', value: size } }).render().asPng();
      const relativeDest = iconFile(state, size);
      const absoluteSrc = path.join(dir, relativeDest);
      mkdirSync(path.dirname(absoluteSrc), { recursive: true });
      writeFileSync(absoluteSrc, png);
      files.push({ absoluteSrc, relativeDest });
    }
  }
  return files;
}
