// Entry of the suite that runs inside VS Code's extension host (extensionTestsPath). Runner-agnostic:
// VS Code calls run() the same way under code-server (scripts/vscode/run-tests.mjs) and under
// @vscode/test-electron; a rejection fails the run. Settings come from the extension host's
// environment: KUBESHARK_TEST_GREP selects tests, KUBESHARK_HARNESS_FAIL=1 forces the harness's
// failure proof (see harness.test.ts).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Timeout per test: generous, because the first test also waits for the language server to start. */
const TEST_TIMEOUT_MS = 60_000;

export function run(): Promise<void> {
  // The extension host forwards console.log arguments unformatted (and code-server joins them with
  // spaces), so mocha's `%s`-style lines are formatted here; without colours they stay readable.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: TEST_TIMEOUT_MS });
  const grep = process.env.KUBESHARK_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}
