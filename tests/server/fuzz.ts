/** A seeded generator of hostile messages: the same seed always gives the same 10,000. */
export function generator(seed: number) {
  let state = seed >>> 0;
  // mulberry32: small, fast, and the same on every Node.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  const strings = ['', 'a', 'alice', 'bob', '__proto__', 'constructor', '\u0000', '\ud800', 'é'.repeat(50), '%00', '../../', '<script>', 'x'.repeat(5000), '0123456789abcdef0123456789abcdef'];
  const primitive = (): unknown => pick([null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, pick(strings), [], {}]);

  /** A valid message bent: a field dropped, replaced, added, or the whole thing swapped for junk. */
  function mutate(value: unknown, depth = 0): unknown {
    if (depth > 3 || next() < 0.15) return primitive();
    if (Array.isArray(value)) return next() < 0.5 ? [...value, mutate(pick([...value, null]), depth + 1)] : value.map((v) => mutate(v, depth + 1));
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = next();
      if (roll < 0.25 && keys.length) delete copy[pick(keys)];
      else if (roll < 0.4) copy[pick(strings).slice(0, 20) || 'extra'] = primitive();
      else if (keys.length) {
        const key = pick(keys);
        copy[key] = mutate(copy[key], depth + 1);
      }
      return copy;
    }
    return next() < 0.5 ? primitive() : value;
  }

  /** One frame: mostly bent valid messages, some broken JSON, some random bytes. */
  function frame(valid: readonly unknown[]): string {
    const roll = next();
    if (roll < 0.08) return Array.from({ length: int(200) }, () => String.fromCharCode(int(0x3000))).join('');
    if (roll < 0.16) return JSON.stringify(pick(valid)).slice(0, int(60));
    return JSON.stringify(mutate(pick(valid))) ?? 'null';
  }

  return { next, int, pick, mutate, frame };
}
