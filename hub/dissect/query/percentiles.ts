/** Nearest-rank percentiles (spec §5.17): the value at rank ⌈p/100 × n⌉ of the sorted values. */

/** `sorted` ascending; undefined when empty. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1];
}

/** Milliseconds with 3 decimals from µs (the API's latency unit). */
export function msOf(us: number): number {
  return Math.round(us) / 1000;
}
