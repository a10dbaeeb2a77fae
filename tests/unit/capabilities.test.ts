import { describe, expect, it } from 'vitest';
import { callWindowPlace, parseWithout, type OptionalFeature } from '@/lib/platform/capabilities';

const having = (...features: OptionalFeature[]) => (feature: OptionalFeature) => features.includes(feature);

describe('optional browser features', () => {
  it('reads the features a test build switches off, and refuses a name it does not know', () => {
    expect([...parseWithout(' sidePanel, identity ,')]).toEqual(['sidePanel', 'identity']);
    expect(parseWithout('').size).toBe(0);
    expect(() => parseWithout('sidepanel')).toThrow(/unknown features: sidepanel/);
  });

  it('puts the call in the side panel, else a window of its own, else a tab', () => {
    expect(callWindowPlace(having('sidePanel', 'windows'), 1)).toBe('side-panel');
    // A click from a page with no window (the popup in some browsers) cannot open the side panel.
    expect(callWindowPlace(having('sidePanel', 'windows'), undefined)).toBe('window');
    expect(callWindowPlace(having('windows'), 1)).toBe('window');
    expect(callWindowPlace(having(), 1)).toBe('tab');
  });
});
