// Starts and stops one code-server (installed by setup.mjs) with everything it writes kept in a
// scratch folder: HOME, XDG folders, TMPDIR, user data, extensions and its log. Used by the test
// runner (with VS Code's smoke-test driver, which the extension-development payload needs) and by
// `npm start` (without it, so notifications show as toasts).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** User settings that keep the workbench quiet and deterministic: no tours, tips, update checks or AI prompts. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

const LISTENING = /HTTP server listening on (http:\/\/[^\s/]+)/;

/**
 * @typedef {object} CodeServer
 * @property {string} url            base URL, e.g. http://127.0.0.1:41234
 * @property {string} logFile        code-server's own output
 * @property {Promise<number | null>} exited  settles when the process ends (exit code)
 * @property {() => Promise<void>} stop       ends the whole process group (also its extension hosts)
 */

/**
 * @param {{ node: string, codeServerEntry: string, scratch: string, folder?: string,
 *           smokeTestDriver: boolean, extensionsDir?: string, env?: Record<string, string>,
 *           extraArgs?: string[], port?: number, host?: string }} options
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(options) {
  const { node, codeServerEntry, scratch, smokeTestDriver, host = '127.0.0.1', port = 0 } = options;
  const home = path.join(scratch, 'home');
  const userData = path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  const tmp = path.join(scratch, 'tmp');
  for (const dir of [home, userData, extensionsDir, tmp, path.join(userData, 'User')]) mkdirSync(dir, { recursive: true });
  // A profile that is kept (npm start) keeps the person's own changes to its settings.
  const settings = path.join(userData, 'User', 'settings.json');
  if (!existsSync(settings)) writeFileSync(settings, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);

  const args = [
    codeServerEntry,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.extraArgs ?? []),
    ...(options.folder ? [options.folder] : []),
  ];
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: tmp,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
    ...options.env,
  };
  // Our own process group, so stop() reaches the extension hosts and file watchers it forks.
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = path.join(scratch, 'code-server.log');
  const log = createWriteStream(logFile);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      const m = LISTENING.exec(seen);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    exited.then((code) => reject(new Error(`code-server exited with ${code} before listening; see ${logFile}:\n${seen}`)));
  });

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      killGroup('SIGTERM');
      // The group gets a moment to shut down cleanly; what is left is killed.
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      killGroup('SIGKILL');
      process.removeListener('exit', onExit);
      await new Promise((resolve) => log.end(resolve));
    })();
    return stopping;
  };
  return { url, logFile, exited, stop };
}
