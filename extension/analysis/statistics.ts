/**
 * The tests behind "significant" (extension/analysis/README.md explains the choice):
 *
 * - error rates: two-proportion z-test with the pooled proportion (equal to the 2×2 χ² test
 *   without continuity correction: z² = χ²);
 * - latency: Mann–Whitney U with the normal approximation and tie correction (no assumption about
 *   the shape of latency distributions, which are skewed and heavy-tailed);
 * - call volume: the conditional binomial test of two Poisson rates (given both counts, the share
 *   of the second window is binomial with the windows' length ratio);
 * - scans over many time windows: Bonferroni-adjusted z thresholds.
 *
 * Every z is signed "second minus first" (positive: B has more errors, is slower, has more calls).
 */

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The |z| whose two-sided p-value is `p` (bisection on twoSidedP; monotone, 60 steps reach 1e-15). */
export function zForTwoSidedP(p: number): number {
  if (!(p > 0)) return Infinity;
  if (p >= 1) return 0;
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (twoSidedP(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The z a scan over `windows` windows must reach to keep the family-wise error of a single test at threshold `z`. */
export function bonferroniZ(z: number, windows: number): number {
  return windows <= 1 ? z : zForTwoSidedP(twoSidedP(z) / windows);
}

/** Pooled two-proportion z of x2/n2 against x1/n1; 0 when either side is empty or there is no variance. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  return variance > 0 ? (x2 / n2 - x1 / n1) / Math.sqrt(variance) : 0;
}

/** Conditional binomial z of count c2 in time t2 against c1 in t1 (two Poisson rates). */
export function rateZ(c1: number, t1: number, c2: number, t2: number): number {
  const n = c1 + c2;
  if (n <= 0 || t1 <= 0 || t2 <= 0) return 0;
  const q = t2 / (t1 + t2);
  return (c2 - n * q) / Math.sqrt(n * q * (1 - q));
}

/**
 * Mann–Whitney U z of `b` against `a` (both sorted ascending): normal approximation with the tie
 * correction, no continuity correction. O(n) merge of the sorted inputs.
 */
export function mannWhitneyZ(a: readonly number[], b: readonly number[]): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return 0;
  const n = na + nb;
  let i = 0;
  let j = 0;
  let rankSumB = 0;
  let ties = 0;
  let rank = 1;
  while (i < na || j < nb) {
    const value = j >= nb || (i < na && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    let inA = 0;
    let inB = 0;
    while (i < na && a[i] === value) {
      i++;
      inA++;
    }
    while (j < nb && b[j] === value) {
      j++;
      inB++;
    }
    const t = inA + inB;
    // Only a value that equals nothing (NaN) moves no index; callers pass finite numbers.
    if (t === 0) return 0;
    rankSumB += inB * (rank + (t - 1) / 2);
    ties += t * t * t - t;
    rank += t;
  }
  const u = rankSumB - (nb * (nb + 1)) / 2;
  const variance = ((na * nb) / 12) * (n + 1 - ties / (n * (n - 1)));
  return variance > 0 ? (u - (na * nb) / 2) / Math.sqrt(variance) : 0;
}

/** Nearest-rank percentile (hub-api.md §5.17: the value at rank ⌈p/100 × n⌉) of sorted values; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** Median of the sorted values (the lower middle, as nearest rank has it). */
export function median(sorted: readonly number[]): number | null {
  return percentile(sorted, 50);
}
