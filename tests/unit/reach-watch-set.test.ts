import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../lib/reach/debounce';
import { sameHandles, standing, watchSet } from '../../lib/reach/watch-set';

describe('the handles a device watches', () => {
  it('unites every tab’s handles and the contacts, each once, people on screen first', () => {
    expect(watchSet({ 1: ['bob', 'carol'], 2: ['carol', 'dave'] }, ['erin', 'bob'])).toEqual(['bob', 'carol', 'dave', 'erin']);
    expect(watchSet({}, [])).toEqual([]);
  });

  it('stops at the cap (200 by default), contacts past it go first', () => {
    const screen = Array.from({ length: 150 }, (_, i) => `s${i}`);
    const contacts = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const set = watchSet({ 3: screen }, contacts);
    expect(set).toHaveLength(200);
    expect(set.slice(0, 150)).toEqual(screen);
    expect(set.at(-1)).toBe('c49');
    expect(watchSet({ 3: ['a', 'b', 'c'] }, ['d'], 2)).toEqual(['a', 'b']);
  });

  it('an unchanged set, in any order, is the same; nothing sent yet is never the same', () => {
    expect(sameHandles(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameHandles(['a', 'b'], ['a'])).toBe(false);
    expect(sameHandles(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(sameHandles(null, [])).toBe(false);
  });

  it('reads where a person stands: contact, blocked, or unknown before the server said', () => {
    const reach = { contacts: ['bob'], blocked: ['eve'] };
    expect(standing(reach, 'bob')).toEqual({ contact: true, blocked: false });
    expect(standing(reach, 'eve')).toEqual({ contact: false, blocked: true });
    expect(standing(null, 'bob')).toBeNull();
  });
});

describe('debounce', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs once, quiet ms after the last call of a burst', () => {
    const run = vi.fn();
    const d = debounce(run, 250, 1000);
    d.schedule(0);
    vi.advanceTimersByTime(200);
    d.schedule(200);
    vi.advanceTimersByTime(200);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a burst that never pauses still runs by the longest wait after its first call', () => {
    const run = vi.fn();
    const d = debounce(run, 250, 1000);
    for (let t = 0; t <= 1000; t += 100) {
      d.schedule(t);
      vi.advanceTimersByTime(100);
      if (t < 900) expect(run).not.toHaveBeenCalled();
    }
    expect(run).toHaveBeenCalled();
    run.mockClear();
    d.schedule(5000);
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
