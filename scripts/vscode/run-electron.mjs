// The in-host suite under @vscode/test-electron, for machines that can download desktop VS Code
// (here its download host is unreachable, so run-tests.mjs uses code-server instead). The same
// out/test/vscode/index.js runs in both; the desktop build lands in .vscode-test/ (git-ignored).
//
// Usage: node scripts/vscode/run-electron.mjs [--grep PATTERN]
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const grepAt = process.argv.indexOf('--grep');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'kubeshark-electron-'));
cpSync(path.join(root, 'test', 'fixtures', 'vscode'), workspace, { recursive: true });

runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'index.js'),
  extensionTestsEnv: grepAt > 0 ? { KUBESHARK_TEST_GREP: process.argv[grepAt + 1] } : {},
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
}).then(
  () => process.exit(0),
  (e) => { console.error(`[vscode-electron] ${e instanceof Error ? e.message : String(e)}`); process.exit(1); },
);
