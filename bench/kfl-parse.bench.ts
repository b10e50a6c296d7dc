// Parse + check latency of one ~200-character filter: KFL's `analyze` (scanner, parser, checker,
// lints: everything the language server does per keystroke) and its parser alone, side by side in
// one process with @marcbachmann/cel-js's `parse` and `check` (parse + type check) of the same
// text. Each call is timed on its own; rounds rotate the order. Reports median and p95 per call,
// and the mean of each engine's fastest round: on a shared machine the least disturbed figure.
// No forced full GC between rounds: after `gc()` V8 shrinks the young generation and an
// allocating parser runs up to three times slower for a while, which an editor never sees.
//
//   npm run bench -- kfl-parse
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { analyze } from '../kfl/analyze';
import { DiagnosticSink } from '../kfl/diagnostics';
import { parse } from '../kfl/syntax/parser';

const QUERY = 'http && dst.pod.namespace == "production" && status_code >= 500 && dst.service.name == "payment-service" && path.startsWith("/api/v1/") && map_get(request.headers, "user-agent", "").contains("curl")';
const ROUNDS = 40;
const CALLS_PER_ROUND = 500;
const GOAL_MEDIAN_US = 20;

interface CelJs {
  parse(expression: string): unknown;
  Environment: new (options?: Record<string, unknown>) => {
    registerVariable(name: string, type: string): unknown;
    registerFunction(signature: string, handler: (...args: unknown[]) => unknown): unknown;
    check(expression: string): { valid: boolean; error?: unknown };
  };
}

type Engine = readonly [name: string, run: () => unknown];

interface Figures {
  medianUs: number;
  p95Us: number;
  bestRoundUs: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function measure(engines: readonly Engine[]): Map<string, Figures> {
  const samples = new Map<string, number[]>(engines.map(([name]) => [name, []]));
  const roundMeans = new Map<string, number[]>(engines.map(([name]) => [name, []]));
  for (const [, run] of engines) for (let i = 0; i < 2000; i++) run(); // warm-up: let the JIT settle
  for (let round = 0; round < ROUNDS; round++) {
    for (let e = 0; e < engines.length; e++) {
      const [name, run] = engines[(round + e) % engines.length];
      const times = samples.get(name)!;
      let sum = 0;
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        const start = process.hrtime.bigint();
        run();
        const us = Number(process.hrtime.bigint() - start) / 1e3;
        times.push(us);
        sum += us;
      }
      roundMeans.get(name)!.push(sum / CALLS_PER_ROUND);
    }
  }
  const figures = new Map<string, Figures>();
  for (const [name] of engines) {
    const sorted = samples.get(name)!.sort((a, b) => a - b);
    figures.set(name, { medianUs: quantile(sorted, 0.5), p95Us: quantile(sorted, 0.95), bestRoundUs: Math.min(...roundMeans.get(name)!) });
  }
  return figures;
}

async function main(): Promise<void> {
  const cel = (await import('@marcbachmann/cel-js')) as unknown as CelJs;
  const env = new cel.Environment({ unlistedVariablesAreDyn: true });
  env.registerVariable('http', 'bool');
  env.registerVariable('status_code', 'int');
  env.registerVariable('path', 'string');
  env.registerFunction('map_get(map, string, string): string', (_map, _key, fallback) => fallback);

  const analysis = analyze(QUERY);
  if (analysis.diagnostics.length > 0) throw new Error(`the query should be clean: ${analysis.diagnostics.map((d) => d.code).join(', ')}`);
  if (!env.check(QUERY).valid) throw new Error('cel-js rejects the query');

  const loadBefore = loadavg()[0] ?? NaN;
  const figures = measure([
    ['kfl analyze', () => analyze(QUERY)],
    ['kfl parse', () => parse(QUERY, new DiagnosticSink())],
    ['cel-js parse', () => cel.parse(QUERY)],
    ['cel-js check', () => env.check(QUERY)],
  ]);

  const load = [loadBefore, loadavg()[0] ?? NaN].map((l) => Number(l.toFixed(2)));
  console.log(`query: ${QUERY.length} characters; ${ROUNDS} rotating rounds × ${CALLS_PER_ROUND} calls per engine`);
  console.log(`machine load (1-minute average) ${load[0]} before, ${load[1]} after\n`);
  console.log(['engine'.padEnd(14), 'median µs', '  p95 µs', 'best round µs'].join('  '));
  for (const [name, f] of figures) console.log([name.padEnd(14), f.medianUs.toFixed(2).padStart(9), f.p95Us.toFixed(2).padStart(8), f.bestRoundUs.toFixed(2).padStart(13)].join('  '));
  const ratio = (a: string, b: string, key: keyof Figures): number => figures.get(a)![key] / figures.get(b)![key];
  const ratios = {
    analyzeOverCelCheck: ratio('kfl analyze', 'cel-js check', 'medianUs'),
    analyzeOverCelParse: ratio('kfl analyze', 'cel-js parse', 'medianUs'),
    parseOverCelParse: ratio('kfl parse', 'cel-js parse', 'medianUs'),
  };
  console.log(`\nkfl analyze / cel-js check: ${ratios.analyzeOverCelCheck.toFixed(2)}×   kfl analyze / cel-js parse: ${ratios.analyzeOverCelParse.toFixed(2)}×   kfl parse / cel-js parse: ${ratios.parseOverCelParse.toFixed(2)}×`);
  const median = figures.get('kfl analyze')!.medianUs;
  console.log(`goal: kfl analyze median ≤ ${GOAL_MEDIAN_US} µs — ${median <= GOAL_MEDIAN_US ? 'met' : 'missed'} (${median.toFixed(2)} µs)`);

  const out = path.join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'kfl-parse.json'), `${JSON.stringify({ date: new Date().toISOString(), load, node: process.version, query: QUERY, rounds: ROUNDS, callsPerRound: CALLS_PER_ROUND, figures: Object.fromEntries(figures), ratios }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
