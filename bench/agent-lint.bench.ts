// Agent-script lint latency: lintScript() on a 2,000-line script (goal: ≤ 50 ms), side by side with
// a bare acorn.parse of the same text at the latest ECMAScript version — the parse every lint
// starts with — so the cost of the rules, scopes and fixes on top of parsing is visible. Runs are
// interleaved so both see the same machine state. Prints wall median/p95 and CPU median, and writes
// bench/results/agent-lint.json.
//
//   npm run bench -- agent-lint
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'acorn';
import { lintScript, summarizeScript } from '../agent-scripts/index';

const TARGET_LINES = 2_000;
const WARMUP = 30;
const ROUNDS = 300;
const GOAL_MS = 50;

/**
 * A realistic script: per-service counters, guarded exports from hooks, jobs with distinct tags,
 * env references — mostly clean ES5 with a finding every few blocks (a `let`, a template literal,
 * an unknown env name), so rules and fix builders both do work.
 */
function generateScript(lines: number): string {
  const out = ['// Synthetic 2,000-line agent script', 'var shared = this;', 'shared.totals = shared.totals || {};', ''];
  for (let i = 0; out.length < lines - 24; i++) {
    out.push(
      `var counts${i} = {};`,
      `var limit${i} = ${100 + i};`,
      `function record${i}(data) {`,
      '  if (!data.protocol || data.protocol.name !== "http") {',
      '    return;',
      '  }',
      '  var dst = data.dst || {};',
      '  var key = (dst.name || dst.ip || "unknown") + ":" + (data.response ? data.response.status : 0);',
      `  counts${i}[key] = (counts${i}[key] || 0) + 1;`,
      i % 7 === 0 ? `  let seen${i} = counts${i}[key];` : `  var seen${i} = counts${i}[key];`,
      `  return seen${i} > limit${i};`,
      '}',
      `function flush${i}() {`,
      '  var lines = [];',
      `  for (var name in counts${i}) {`,
      `    if (counts${i}.hasOwnProperty(name)) {`,
      i % 5 === 0 ? `      lines.push(\`\${name}: \${counts${i}[name]}\`);` : `      lines.push(name + ": " + counts${i}[name]);`,
      '    }',
      '  }',
      '  if (lines.length > 0) {',
      `    vendor.webhook("POST", env.${i % 11 === 0 ? 'WEBHOK_URL' : 'WEBHOOK_URL'}, JSON.stringify({node: utils.nodeName(), lines: lines}));`,
      '  }',
      `  counts${i} = {};`,
      '}',
      `jobs.schedule("flush-${i}", "${i % 60} */5 * * * *", flush${i});`,
      '',
    );
  }
  out.push('function onItemCaptured(data) {', '  if (data.response && data.response.status >= 500) {');
  for (let i = 0; i < 8; i++) out.push(`    record${i}(data);`);
  out.push('  }', '}', '');
  out.push('function onHubAction(action, object) {', '  if (action === "totals") {', '    shared.totals[object.node] = object.count;', '  }', '}');
  while (out.length < lines) out.push('');
  return out.join('\n');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function main(): void {
  const text = generateScript(TARGET_LINES);
  const lineCount = text.split('\n').length;
  const envNames = new Set(['WEBHOOK_URL', 'SLACK_TOKEN']);
  const workspace = [summarizeScript('other.js', '// Other\nfunction f() {}\njobs.schedule("other", "0 * * * * *", f);\n')];
  const options = { path: 'synthetic.js', envNames, workspace };
  const findings = lintScript(text, options);
  const gc = (globalThis as { gc?: () => void }).gc;

  for (let i = 0; i < WARMUP; i++) {
    lintScript(text, options);
    parse(text, { ecmaVersion: 'latest' });
  }
  gc?.();
  // Wall time is what a person waits; CPU time (process.cpuUsage) is what the lint costs, and stays
  // comparable when other processes compete for the cores.
  const wall = { lint: [] as number[], parse: [] as number[] };
  const cpu = { lint: [] as number[], parse: [] as number[] };
  const measure = (into: 'lint' | 'parse', run: () => unknown): void => {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    run();
    wall[into].push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu[into].push((used.user + used.system) / 1e3);
  };
  for (let i = 0; i < ROUNDS; i++) {
    measure('lint', () => lintScript(text, options));
    measure('parse', () => parse(text, { ecmaVersion: 'latest' }));
  }
  for (const list of [wall.lint, wall.parse, cpu.lint, cpu.parse]) list.sort((a, b) => a - b);
  const row = (name: string, key: 'lint' | 'parse') => ({
    name, medianMs: +percentile(wall[key], 50).toFixed(2), p95Ms: +percentile(wall[key], 95).toFixed(2), cpuMedianMs: +percentile(cpu[key], 50).toFixed(2),
  });
  const lint = row('lintScript (all rules)', 'lint');
  const peer = row('acorn.parse (peer)', 'parse');
  const result = {
    script: { lines: lineCount, bytes: Buffer.byteLength(text), findings: findings.length },
    rounds: ROUNDS,
    lint,
    peer,
    ratio: { median: +(lint.medianMs / peer.medianMs).toFixed(2), cpuMedian: +(lint.cpuMedianMs / peer.cpuMedianMs).toFixed(2) },
    goalMs: GOAL_MS,
    goalMet: lint.medianMs <= GOAL_MS,
    loadAverage: os.loadavg()[0]!.toFixed(1),
    cores: os.cpus().length,
    node: process.version,
  };
  console.log(`script: ${lineCount} lines, ${result.script.bytes} bytes, ${findings.length} findings; ${ROUNDS} interleaved rounds; load average ${result.loadAverage} on ${result.cores} cores`);
  console.log('| run | median ms | p95 ms | CPU median ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of [lint, peer]) console.log(`| ${r.name} | ${r.medianMs} | ${r.p95Ms} | ${r.cpuMedianMs} |`);
  console.log(`lint / parse: ${result.ratio.median}× (wall median), ${result.ratio.cpuMedian}× (CPU median); goal median ≤ ${GOAL_MS} ms: ${result.goalMet ? 'met' : 'NOT met'}`);
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'agent-lint.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main();
