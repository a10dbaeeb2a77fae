/** Nearest-rank percentile of a sample, for figures people can compare across runs. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: number[]) {
  return { n: values.length, p50: percentile(values, 50), p90: percentile(values, 90), min: Math.min(...values), max: Math.max(...values) };
}
