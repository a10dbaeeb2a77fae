import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, nextStep, QUIET_MS } from '../../entrypoints/x.content/features/presence-timing';

describe('when the page asks for presence', () => {
  it('asks once nobody new has come onto the page for half a second', () => {
    expect(nextStep({ firstAt: 0, lastAt: 0, waited: QUIET_MS }, QUIET_MS)).toEqual({ ask: true });
  });

  it('waits while people keep coming, looking less often the longer the page stays busy', () => {
    expect(nextStep({ firstAt: 0, lastAt: 400, waited: 500 }, 500)).toEqual({ ask: false, wait: 1_000 });
    expect(nextStep({ firstAt: 0, lastAt: 1_400, waited: 1_000 }, 1_500)).toEqual({ ask: false, wait: 1_500 });
  });

  it('asks at the latest three seconds after the first person, however busy the page', () => {
    expect(nextStep({ firstAt: 0, lastAt: MAX_WAIT_MS - 1, waited: 1_500 }, MAX_WAIT_MS)).toEqual({ ask: true });
  });

  it('asks as soon as a reader who was scrolling stops', () => {
    expect(nextStep({ firstAt: 0, lastAt: 600, waited: 1_000 }, 1_500)).toEqual({ ask: true });
  });
});
