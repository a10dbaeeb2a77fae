/**
 * The toolbar icon's states and the files the build renders for each (scripts/icons.ts) and the background
 * shows (entrypoints/background/toolbar-icon.ts). The signed-in, idle icon is the extension's own icon,
 * `icon/<size>.png`, which WXT also lists in the manifest.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;
export type IconSize = (typeof ICON_SIZES)[number];

/** Each state's background colour: X's black, X's green for a call, a grey for signed out. */
export const ICON_STATES = { idle: '#0f1419', 'in-call': '#00ba7c', 'signed-out': '#8b98a5' } as const;
export type IconState = keyof typeof ICON_STATES;

export function iconFile(state: IconState, size: IconSize): string {
  return state === 'idle' ? `icon/${size}.png` : `icon/${state}-${size}.png`;
}
