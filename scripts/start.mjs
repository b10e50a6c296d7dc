// `npm start`, the main job: VS Code (code-server, in the browser) with this extension installed
// from a freshly packaged VSIX, opened on the sample workspace `samples/` (real captures served by
// the embedded local Hub). Works on a fresh machine: setup.mjs installs Node 24 and code-server
// into the cache folder on first use. Unlike the test runner it starts code-server WITHOUT the
// smoke-test driver, so notifications show as toasts, and keeps its profile between runs.
//
// Usage: npm start [-- --port 8765] [--host 127.0.0.1] [--check]
//   --check  start, verify the workbench answers with the extension installed, then stop (for CI).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './vscode/codeServer.mjs';
import { cacheDir, ensureVsCode } from './vscode/setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const VSIX = path.join(root, 'dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
const WORKSPACE = path.join(root, 'samples');
const log = (line) => console.log(`[start] ${line}`);

function parseArgs(args) {
  const parsed = { port: 8765, host: '127.0.0.1', check: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') parsed.port = Number(args[++i]);
    else if (arg === '--host') parsed.host = args[++i];
    else if (arg === '--check') parsed.check = true;
    else throw new Error(`unknown argument '${arg}' (usage: npm start [-- --port N] [--host H] [--check])`);
  }
  if (!Number.isInteger(parsed.port) || parsed.port < 0 || parsed.port > 65535) throw new Error('--port needs a number 0–65535');
  return parsed;
}

function run(title, command, args, env = process.env) {
  log(title);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal})`);
}

/** The wanted port when it is free, else one the system picks (and we say so). */
async function freePort(host, wanted) {
  const tryListen = (port) => new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
  const port = await tryListen(wanted);
  if (port !== undefined) return port;
  log(`port ${wanted} is taken; using another one`);
  return tryListen(0);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const vscode = ensureVsCode({ log, needChromium: false });
  mkdirSync(path.dirname(VSIX), { recursive: true });
  run('packaging the extension (production build + vsce)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package']);

  // One profile for `npm start`, kept between runs (settings, open editors), outside the repository.
  const profile = path.join(cacheDir(), 'start-profile');
  const extensionsDir = path.join(profile, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  run(`installing ${path.relative(root, VSIX)}`, vscode.node, [
    vscode.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(profile, 'user-data'),
    '--install-extension', VSIX, '--force',
  ], { ...process.env, HOME: path.join(profile, 'home') });

  const port = await freePort(options.host, options.port);
  const server = await startCodeServer({
    ...vscode,
    scratch: profile,
    extensionsDir,
    smokeTestDriver: false,
    folder: WORKSPACE,
    host: options.host,
    port,
  });
  const url = `${server.url}/?folder=${encodeURIComponent(WORKSPACE)}`;
  const stop = async (code) => {
    await server.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  if (options.check) {
    const page = await fetch(url);
    const installed = spawnSync(vscode.node, [vscode.codeServerEntry, '--extensions-dir', extensionsDir, '--list-extensions'], {
      encoding: 'utf8', env: { ...process.env, HOME: path.join(profile, 'home') },
    }).stdout ?? '';
    const ok = page.ok && installed.split('\n').includes(EXTENSION_ID);
    log(`check: workbench HTTP ${page.status}, ${EXTENSION_ID} ${installed.includes(EXTENSION_ID) ? 'installed' : 'NOT installed'}`);
    await stop(ok ? 0 : 1);
    return;
  }
  console.log(`\n  Kubeshark Forensics is running in VS Code (code-server): open\n\n    ${url}\n\n  in a browser. Ctrl+C stops it. (code-server's log: ${server.logFile})\n`);
  const code = await server.exited;
  log(`code-server exited (${code})`);
  process.exit(code ?? 1);
}

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
