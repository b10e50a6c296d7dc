// Runs the suites that need a real VS Code (here: code-server 4.139.1 = VS Code 1.139.1 in Debian's
// Chromium, driven by playwright-core). Builds nothing: `npm test` has already type-checked into
// out/ and bundled into dist/.
//
//   1. in-host suite: out/test/vscode/index.js runs inside VS Code's extension host with this
//      repository loaded as the extension under development; the workbench reports the result
//      through codeAutomationExit (needs code-server's smoke-test driver);
//   2. harness proof (full runs only): the same suite with KUBESHARK_HARNESS_FAIL=1 must FAIL;
//   3. UI suite: out/test/ui/**/*.test.js under mocha; test/ui/support opens workbenches on the
//      same code-server through the environment variables set here.
//
// Usage: node scripts/vscode/run-tests.mjs [--grep PATTERN] [--in-host | --ui] [--keep]
//   --keep keeps the scratch folder (code-server's log, screenshots); it is always kept on failure.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './codeServer.mjs';
import { ensureVsCode } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const IN_HOST_INDEX = path.join(root, 'out', 'test', 'vscode', 'index.js');
const UI_DIR = path.join(root, 'out', 'test', 'ui');
const SUPPORT = path.join(UI_DIR, 'support');
/** Files the tests open live in test/fixtures/vscode; the in-host suite and each UI workbench get a fresh copy. */
const FIXTURE_WORKSPACE = path.join(root, 'test', 'fixtures', 'vscode');
/** Per UI test: a cold workbench with its extension host and language server takes a while. */
const UI_TEST_TIMEOUT_MS = 180_000;
/** Guards against a hung workbench only; runs end on their own event long before. */
const RUN_TIMEOUT_MS = 10 * 60_000;
/** Workbench chatter that says nothing about our tests (offline marketplace, web-only warnings). */
const NOISE = /ChatModelSelection|AgentHost|AccountPolicyGate|open-vsx\.org|ERR_NAME_NOT_RESOLVED|status of 404|Canceled|same-origin iframe|allow-same-origin|mobile\.events\.data|connection token|Creating a socket|reconnection-grace-time|additional builtin extensions|Service Worker|authentication provider|Long running operations during shutdown/;

const options = parseArgs(process.argv.slice(2));
const log = (line) => console.log(`[vscode-tests] ${line}`);

async function main() {
  for (const [file, hint] of [[IN_HOST_INDEX, 'tsc -b'], [path.join(root, 'dist', 'extension.js'), 'node scripts/build.mjs']]) {
    if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm test\` (or ${hint}) first`);
  }
  const vscode = ensureVsCode({ log });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kubeshark-vscode-'));
  const workspace = path.join(scratch, 'workspace');
  mkdirSync(workspace);
  if (existsSync(FIXTURE_WORKSPACE)) cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  // Chromium's profile and everything the test processes write stay in the scratch folder.
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;

  let server;
  let ok = false;
  const stopOnSignal = (signal) => {
    log(`${signal}: stopping code-server`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const started = Date.now();
    server = await startCodeServer({ ...vscode, scratch: path.join(scratch, 'code-server'), smokeTestDriver: true });
    log(`code-server ${server.url} ready in ${Date.now() - started} ms (log: ${server.logFile})`);
    const results = [];
    if (!options.ui) {
      results.push(await inHost(server, workspace, scratch));
      if (!options.grep) results.push(await harnessCanFail(server, workspace, scratch));
    }
    if (!options.inHost) results.push(await ui(server, scratch));
    ok = results.every(Boolean);
  } finally {
    await server?.stop();
    if (ok && !options.keep) rmSync(scratch, { recursive: true, force: true });
    else log(`scratch folder kept: ${scratch}`);
  }
  return ok;
}

/** The in-host suite, with its report forwarded line by line. */
async function inHost(server, workspace, scratch) {
  const code = await runInHost(server, workspace, scratch, { ...(options.grep ? { KUBESHARK_TEST_GREP: options.grep } : {}) }, (line) => {
    if (!NOISE.test(line)) console.log(line);
  });
  log(`in-host suite: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  return code === 0;
}

/** Proof that the harness reports failures: the forced failure must make the run exit 1. */
async function harnessCanFail(server, workspace, scratch) {
  const lines = [];
  const code = await runInHost(server, workspace, scratch, { KUBESHARK_HARNESS_FAIL: '1', KUBESHARK_TEST_GREP: '^harness ' }, (line) => lines.push(line));
  const sawForcedFailure = lines.some((line) => line.includes('forced failure'));
  const proven = code === 1 && sawForcedFailure;
  log(`harness proof (a failing test fails the run): ${proven ? 'ok' : `BROKEN (exit ${code}, forced failure reported: ${sawForcedFailure})`}`);
  if (!proven) writeFileSync(path.join(scratch, 'harness-proof.log'), `${lines.join('\n')}\n`);
  return proven;
}

async function runInHost(server, workspace, scratch, env, onLog) {
  const { launchBrowser } = require(path.join(SUPPORT, 'browser.js'));
  const { runExtensionTests } = require(path.join(SUPPORT, 'extensionTests.js'));
  const browser = await launchBrowser();
  try {
    return await runExtensionTests(browser, {
      serverUrl: server.url,
      folder: workspace,
      extensionPath: root,
      testsPath: IN_HOST_INDEX,
      env,
      timeoutMs: RUN_TIMEOUT_MS,
      onLog,
      failureScreenshot: path.join(scratch, 'in-host-failure.png'),
    });
  } finally {
    await browser.close();
  }
}

/** The UI suite in its own mocha process; test/ui/support reads the server from the environment. */
async function ui(server, scratch) {
  const files = existsSync(UI_DIR)
    ? readdirSync(UI_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js') && !f.startsWith(`support${path.sep}`))
    : [];
  if (files.length === 0) {
    log('UI suite: no tests');
    return true;
  }
  const mocha = spawn(process.execPath, [
    require.resolve('mocha/bin/mocha.js'),
    '--config', path.join(root, 'test', '.mocharc.json'),
    '--reporter', 'spec',
    // A test opens a whole workbench (extension host, language server) before its first step.
    '--timeout', String(UI_TEST_TIMEOUT_MS),
    '--require', path.join(SUPPORT, 'hooks.js'),
    ...(options.grep ? ['--grep', options.grep] : []),
    ...files.sort().map((f) => path.join(UI_DIR, f)),
  ], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      KUBESHARK_VSCODE_URL: server.url,
      KUBESHARK_VSCODE_SCRATCH: scratch,
      KUBESHARK_VSCODE_ARTIFACTS: path.join(scratch, 'ui'),
    },
  });
  const code = await new Promise((resolve) => mocha.once('exit', (c, signal) => resolve(c ?? signal)));
  log(`UI suite: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  return code === 0;
}

function parseArgs(args) {
  const parsed = { grep: undefined, inHost: false, ui: false, keep: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--grep' || arg === '-g') parsed.grep = args[++i];
    else if (arg.startsWith('--grep=')) parsed.grep = arg.slice('--grep='.length);
    else if (arg === '--in-host') parsed.inHost = true;
    else if (arg === '--ui') parsed.ui = true;
    else if (arg === '--keep') parsed.keep = true;
    else throw new Error(`unknown argument '${arg}' (usage: run-tests.mjs [--grep PATTERN] [--in-host | --ui] [--keep])`);
  }
  return parsed;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => { console.error(`[vscode-tests] ${e instanceof Error ? e.stack : String(e)}`); process.exit(2); },
);
