// Sets up a real VS Code for the tests and `npm start`: code-server (VS Code in the browser, with
// the real Node extension host) and the Node 24 it runs on, both from the npm registry, in a cache
// folder OUTSIDE the repository (like @vscode/test-electron's .vscode-test/, but shared by clones):
//
//   ${KUBESHARK_VSCODE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/kubeshark-forensics/vscode}/
//     node-24/            npm install node@24  -> node-<platform>-<arch>/bin/node + include/node
//     code-server-4.139.1/ npm install code-server (native modules built against those headers)
//
// Idempotent: each folder carries a version stamp (installed.json) written last, so a broken or
// interrupted install is redone. Installs happen in a staging folder that is renamed into place,
// so two runs at the same time never see half an installation.
//
// Usage: node scripts/vscode/setup.mjs        (prints what it did and where things are)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
/** Debian packages needed: Chromium drives the workbench in tests; the rest build code-server's native modules. */
const DEBIAN_PACKAGES = [
  { name: 'chromium', present: () => existsSync(chromiumPath()) },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') },
  { name: 'g++', present: () => onPath('g++') },
  { name: 'make', present: () => onPath('make') },
  { name: 'python3', present: () => onPath('python3') },
];

export function cacheDir() {
  if (process.env.KUBESHARK_VSCODE_CACHE) return path.resolve(process.env.KUBESHARK_VSCODE_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'kubeshark-forensics', 'vscode');
}

export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/**
 * Makes sure Node 24 and code-server are installed; returns where they are.
 * @param {{ log?: (line: string) => void, needChromium?: boolean }} [options]
 * @returns {{ cache: string, node: string, codeServerEntry: string, chromium: string }}
 */
export function ensureVsCode({ log = (line) => console.log(`[vscode-setup] ${line}`), needChromium = true } = {}) {
  const cache = cacheDir();
  mkdirSync(cache, { recursive: true });
  ensureDebianPackages(log, needChromium);
  const nodeHome = ensureNode(cache, log);
  const codeServerEntry = ensureCodeServer(cache, nodeHome, log);
  return { cache, node: path.join(nodeHome, 'bin', 'node'), codeServerEntry, chromium: chromiumPath() };
}

function ensureDebianPackages(log, needChromium) {
  const missing = DEBIAN_PACKAGES.filter((p) => (needChromium || p.name !== 'chromium') && !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const command = [...sudo, 'apt-get', 'install', '-y', '-qq', ...missing];
  if (!onPath('apt-get') || (sudo.length > 0 && !onPath('sudo'))) {
    throw new Error(`missing system packages: ${missing.join(', ')} (install them, e.g. apt-get install -y ${missing.join(' ')})`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [[...sudo, 'apt-get', 'update', '-qq'], command]) {
    const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`'${args.join(' ')}' failed; install ${missing.join(', ')} yourself and retry`);
  }
}

/** Node 24 from the npm registry: the `node` package pulls the platform package with binary and headers. */
function ensureNode(cache, log) {
  const dir = path.join(cache, `node-${NODE_MAJOR}`);
  const home = () => nodeHomeIn(dir);
  installOnce(dir, `node@${NODE_MAJOR}`, log, (staging) => {
    npmInstall(staging, [`node@${NODE_MAJOR}`], process.env);
    const installed = nodeHomeIn(staging);
    if (!installed) throw new Error(`node@${NODE_MAJOR} installed no node-${process.platform}-${process.arch} binary`);
    return { version: run(path.join(installed, 'bin', 'node'), ['-v']).trim() };
  });
  const found = home();
  if (!found) throw new Error(`${dir} holds no Node binary; delete it and retry`);
  return found;
}

function nodeHomeIn(dir) {
  const platformPackage = `node-${process.platform}-${process.arch}`;
  // npm nests the platform package under `node` or hoists it, depending on the npm version.
  for (const candidate of [
    path.join(dir, 'node_modules', 'node', 'node_modules', platformPackage),
    path.join(dir, 'node_modules', platformPackage),
  ]) {
    if (existsSync(path.join(candidate, 'bin', 'node'))) return candidate;
  }
  return undefined;
}

/** code-server from the npm registry; its postinstall compiles VS Code's native modules against Node 24's headers. */
function ensureCodeServer(cache, nodeHome, log) {
  const dir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  installOnce(dir, `code-server@${CODE_SERVER_VERSION}`, log, (staging) => {
    const tmp = path.join(staging, '.tmp');
    mkdirSync(tmp, { recursive: true });
    npmInstall(staging, [`code-server@${CODE_SERVER_VERSION}`], {
      ...process.env,
      PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: nodeHome,
      TMPDIR: tmp,
    });
    rmSync(tmp, { recursive: true, force: true });
    return { node: run(path.join(nodeHome, 'bin', 'node'), ['-v']).trim() };
  });
  return codeServerEntryIn(dir);
}

export function codeServerEntryIn(dir) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * Installs `what` into `dir` unless its stamp says it is there. Work happens in a staging folder
 * renamed into place at the end, so concurrent runs and interrupted installs are harmless.
 */
function installOnce(dir, what, log, install) {
  const stampFile = path.join(dir, 'installed.json');
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.what === what) {
      log(`${what}: up to date in ${dir}`);
      return;
    }
  }
  log(`${what}: installing into ${dir} …`);
  const started = Date.now();
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const details = install(staging);
    writeFileSync(path.join(staging, 'installed.json'), `${JSON.stringify({ what, ...details, installedAt: new Date().toISOString() }, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another run finished first and its folder is in place: keep it.
      if (!existsSync(stampFile)) throw e;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`${what}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function npmInstall(dir, specs, env) {
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  const logFile = path.join(dir, 'npm-install.log');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', ...specs], { cwd: dir, env, encoding: 'utf8' });
  writeFileSync(logFile, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`npm install ${specs.join(' ')} failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
}

function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v '${command}'`], { stdio: 'ignore' }).status === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const where = ensureVsCode({ needChromium: !process.argv.includes('--no-chromium') });
    console.log(`node:        ${where.node}`);
    console.log(`code-server: ${where.codeServerEntry}`);
    console.log(`chromium:    ${where.chromium}`);
  } catch (e) {
    console.error(`[vscode-setup] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
