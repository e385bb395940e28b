/** Wilson score interval (95%) of a proportion: fails of n, as percentages. */
export function wilsonInterval(fails: number, n: number, z = 1.96): { rate: number; low: number; high: number } {
  if (n === 0) return { rate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const p = fails / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { rate: 100 * p, low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
