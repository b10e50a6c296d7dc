// The tests behind "significant", against SciPy: Mann–Whitney U (asymptotic, tie-corrected, no
// continuity correction), the 2×2 χ² without Yates' correction (= z² of the pooled two-proportion
// test), the normal tail, and the binomial test of two Poisson rates' normal approximation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { bonferroniZ, mannWhitneyZ, median, percentile, rateZ, twoProportionZ, twoSidedP, zForTwoSidedP } from '../../../extension/analysis/statistics';

function scipy(script: string, input: unknown): unknown {
  return JSON.parse(execFileSync('python3', ['-c', `import json,sys\nfrom scipy import stats\nimport numpy as np\ndata=json.load(sys.stdin)\n${script}`], { input: JSON.stringify(input), encoding: 'utf8' }));
}

/** Deterministic samples (an LCG), with ties: latencies rounded to 0.1 ms. */
function samples(seed: number, n: number, scale: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out.push(Math.round(-Math.log(1 - state / 0x80000000) * scale * 10) / 10);
  }
  return out.sort((a, b) => a - b);
}

describe('analysis statistics (SciPy as the oracle)', () => {
  const cases = [[1, 30, 20, 2, 40, 20], [3, 200, 20, 4, 150, 25], [5, 25, 10, 6, 25, 10], [7, 500, 5, 8, 10, 5], [9, 60, 1, 10, 60, 3]];

  it('Mann–Whitney z matches scipy.stats.mannwhitneyu (asymptotic, no continuity correction)', () => {
    const inputs = cases.map(([s1, n1, c1, s2, n2, c2]) => [samples(s1!, n1!, c1!), samples(s2!, n2!, c2!)]);
    const expected = scipy(`print(json.dumps([[r.statistic, r.pvalue] for r in (stats.mannwhitneyu(b, a, use_continuity=False, method='asymptotic') for a, b in data)]))`, inputs) as [number, number][];
    inputs.forEach(([a, b], i) => {
      const z = mannWhitneyZ(a!, b!);
      const [, p] = expected[i]!;
      assert.ok(Math.abs(twoSidedP(z) - p) < 1e-6 + 1e-4 * p, `case ${i}: p ${twoSidedP(z)} vs ${p}`);
    });
    // The sign: b larger than a is positive.
    assert.ok(mannWhitneyZ(samples(1, 50, 10), samples(2, 50, 30)) > 0);
  });

  it('two-proportion z² equals the 2×2 χ² without Yates correction', () => {
    const tables = [[0, 90, 27, 90], [5, 200, 9, 180], [40, 100, 35, 100], [1, 1000, 30, 1000]];
    const chi2 = scipy(`print(json.dumps([stats.chi2_contingency([[x1, n1-x1],[x2, n2-x2]], correction=False)[0] for x1, n1, x2, n2 in data]))`, tables) as number[];
    tables.forEach(([x1, n1, x2, n2], i) => {
      const z = twoProportionZ(x1!, n1!, x2!, n2!);
      assert.ok(Math.abs(z * z - chi2[i]!) < 1e-9 * Math.max(1, chi2[i]!), `table ${i}`);
      assert.equal(Math.sign(z), Math.sign(x2! / n2! - x1! / n1!));
    });
    assert.equal(twoProportionZ(0, 50, 0, 50), 0, 'no variance');
    assert.equal(twoProportionZ(0, 0, 3, 10), 0, 'an empty side');
  });

  it('normal tail and its inverse match scipy.stats.norm', () => {
    const zs = [0, 0.5, 1.96, 3, 4.5, 6];
    const p = scipy('print(json.dumps([2*stats.norm.sf(z) for z in data]))', zs) as number[];
    zs.forEach((z, i) => assert.ok(Math.abs(twoSidedP(z) - p[i]!) < 2e-7 * Math.max(p[i]!, 1e-3), `z ${z}`));
    assert.ok(Math.abs(zForTwoSidedP(0.05) - 1.959964) < 1e-5);
    const bonferroni = scipy('print(json.dumps(stats.norm.isf(2*stats.norm.sf(3)/465/2)))', null) as number;
    assert.ok(Math.abs(bonferroniZ(3, 465) - bonferroni) < 1e-4);
    assert.equal(bonferroniZ(3, 1), 3);
  });

  it('rate z is the normal approximation of the binomial test of two Poisson counts', () => {
    const cases2 = [[90, 180_000, 120, 180_000], [10, 60_000, 40, 120_000], [100, 1000, 100, 1000]];
    const expected = scipy('print(json.dumps([(c2 - (c1+c2)*t2/(t1+t2)) / np.sqrt((c1+c2)*(t2/(t1+t2))*(t1/(t1+t2))) for c1,t1,c2,t2 in data]))', cases2) as number[];
    cases2.forEach(([c1, t1, c2, t2], i) => assert.ok(Math.abs(rateZ(c1!, t1!, c2!, t2!) - expected[i]!) < 1e-9));
    assert.equal(rateZ(0, 1000, 0, 1000), 0);
  });

  it('percentiles are nearest-rank (hub-api.md §5.17)', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.deepEqual([percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 1)], [5, 9, 10, 1]);
    assert.equal(median([]), null);
    assert.equal(mannWhitneyZ([], [1, 2]), 0);
  });
});
