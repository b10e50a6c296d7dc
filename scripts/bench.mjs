// `npm run bench [-- NAME…]`: type-checks and builds, then runs every benchmark in bench/ (or the
// named ones, e.g. `npm run bench -- kfl-predicate`). Each benchmark is bench/<name>.bench.ts; it
// runs its peer side by side (tshark, tcpdump, cel-js, …), prints a table and writes its figures
// to bench/results/<name>.json. BENCHMARKS.md records the figures with the command.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
};

run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'bench']);
run(process.execPath, ['scripts/build.mjs', '--production']);
const dir = path.join(root, 'out', 'bench');
const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort() : [];
const chosen = wanted.length ? all.filter((f) => wanted.includes(f.replace(/\.bench\.js$/, ''))) : all;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`unknown benchmark; available: ${all.map((f) => f.replace(/\.bench\.js$/, '')).join(', ')}`);
  process.exit(2);
}
for (const file of chosen) {
  console.log(`\n══ ${file.replace(/\.bench\.js$/, '')}`);
  run(process.execPath, ['--expose-gc', path.join(dir, file)]);
}
