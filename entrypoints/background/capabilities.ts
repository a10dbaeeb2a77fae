import { browser } from 'wxt/browser';
import { parseWithout, type OptionalFeature } from '@/lib/platform/capabilities';

declare const __RINGSIDE_WITHOUT__: string;

interface ChromeOnly {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  offscreen?: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
    hasDocument(): Promise<boolean>;
  };
}

// Defined by the build (wxt.config.ts); the fast tier runs these modules unbuilt, with every feature on.
const switchedOff = parseWithout(typeof __RINGSIDE_WITHOUT__ === 'string' ? __RINGSIDE_WITHOUT__ : '');
const chrome = () => (globalThis as { chrome?: ChromeOnly }).chrome;

/**
 * The one capability check of the background: each optional API, or undefined where this browser lacks it
 * (or a test build switched it off). Chrome-only APIs are read from `chrome`, which the polyfill does not wrap.
 * Read when asked, not at load: the fast tier puts fakes in place per test.
 */
export const optional = {
  get sidePanel() {
    return switchedOff.has('sidePanel') ? undefined : chrome()?.sidePanel;
  },
  get offscreen() {
    return switchedOff.has('offscreen') ? undefined : chrome()?.offscreen;
  },
  get windows() {
    return switchedOff.has('windows') ? undefined : (browser.windows as typeof browser.windows | undefined);
  },
  get identity() {
    return switchedOff.has('identity') ? undefined : (browser.identity as typeof browser.identity | undefined);
  },
};

export const has = (feature: OptionalFeature): boolean => optional[feature] !== undefined;
