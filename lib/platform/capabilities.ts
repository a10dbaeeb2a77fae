/**
 * The browser features Ringside uses where it can and replaces where it cannot (Safari, Firefox for Android):
 * one list, so each fallback is chosen in one place and a test build can switch any feature off to prove its
 * fallback in Chromium (RINGSIDE_WITHOUT at build time).
 */
export const OPTIONAL_FEATURES = ['sidePanel', 'windows', 'offscreen', 'identity'] as const;
export type OptionalFeature = (typeof OPTIONAL_FEATURES)[number];

/** `RINGSIDE_WITHOUT=sidePanel,identity`: unknown names are an error, so a typo cannot silently test nothing. */
export function parseWithout(list: string): Set<OptionalFeature> {
  const names = list.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(OPTIONAL_FEATURES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`RINGSIDE_WITHOUT names unknown features: ${unknown.join(', ')} (known: ${OPTIONAL_FEATURES.join(', ')})`);
  return new Set(names as OptionalFeature[]);
}

/** Where the call goes: Chrome's side panel, else a small window of its own, else a tab (Safari on iOS, Firefox for Android). */
export type CallWindowPlace = 'side-panel' | 'window' | 'tab';

export function callWindowPlace(has: (feature: OptionalFeature) => boolean, windowId: number | undefined): CallWindowPlace {
  if (has('sidePanel') && windowId !== undefined) return 'side-panel';
  return has('windows') ? 'window' : 'tab';
}
