// Test entry for `npm test` and its parts.
//   node scripts/test.mjs unit     type-check (tsc -b emits out/), build, lint, then every Node suite:
//                                  unit tests of each part, LSP over stdio, Hub over HTTP against oracles
//   node scripts/test.mjs vscode   the suites that need a real VS Code (code-server + Chromium here)
//   node scripts/test.mjs all      both (what `npm test` and CI run)
// Extra arguments after the suite name go to mocha (e.g. --grep).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [suite = 'all', ...extra] = process.argv.slice(2);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args, env = {}) {
  console.log(`\n── ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✘ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function prepare() {
  step('type-check (tsc -b)', bin('tsc'), ['-b']);
  step('bundle (esbuild)', process.execPath, ['scripts/build.mjs']);
  step('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
}

function unit() {
  step('Node suites (mocha)', bin('mocha'), [
    '--config', 'test/.mocharc.json',
    'out/test/**/*.test.js',
    '--ignore', 'out/test/vscode/**',
    '--ignore', 'out/test/ui/**',
    ...extra,
  ]);
}

function vscode() {
  step('real VS Code suites', process.execPath, ['scripts/vscode/run-tests.mjs', ...extra]);
}

switch (suite) {
  case 'unit': prepare(); unit(); break;
  case 'vscode': prepare(); vscode(); break;
  case 'all': prepare(); unit(); vscode(); break;
  default: console.error(`unknown suite '${suite}' (unit | vscode | all)`); process.exit(2);
}
