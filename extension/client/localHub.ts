/**
 * The embedded local Hub as a child process (hub-api.md §3.1): `node dist/cli.js hub --captures …
 * --state … --host 127.0.0.1 --port 0`, a random per-launch token in LOCAL_HUB_TOKEN (never on the
 * command line), the ready line read from stdout, its JSON log lines forwarded from stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { asObject, num, parseJson, str } from './json';
import { type HubLogger } from './log';

export interface LocalHubOptions {
  /** dist/cli.js of the extension. */
  cliPath: string;
  captures: string;
  state: string;
  cloudFolder?: string;
  log: HubLogger;
  /** The Node to run it with; default the extension host's own executable. */
  nodePath?: string;
  /** How long to wait for the ready line. */
  startTimeoutMs?: number;
}

export interface LocalHubExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const STDERR_TAIL_LINES = 20;

export class LocalHubProcess {
  /** Settles when the process has ended, for whatever reason. */
  readonly exited: Promise<LocalHubExit>;
  private _stopping = false;

  private constructor(
    private readonly _child: ChildProcess,
    readonly baseUrl: string,
    readonly token: string,
    readonly version: string,
    exited: Promise<LocalHubExit>,
  ) {
    this.exited = exited;
  }

  get pid(): number | undefined {
    return this._child.pid;
  }

  /** Whether stop() was asked for (an exit without it is a crash). */
  get stopping(): boolean {
    return this._stopping;
  }

  /** Starts the process and resolves once it has printed its ready line. */
  static start(options: LocalHubOptions): Promise<LocalHubProcess> {
    const token = randomBytes(32).toString('base64url');
    const args = [options.cliPath, 'hub', '--captures', options.captures, '--state', options.state, '--host', '127.0.0.1', '--port', '0', '--exit-with-stdin'];
    if (options.cloudFolder) args.push('--cloud-folder', options.cloudFolder);
    // ELECTRON_RUN_AS_NODE lets desktop VS Code's executable act as Node; plain Node ignores it.
    const child = spawn(options.nodePath ?? process.execPath, args, {
      env: { ...process.env, LOCAL_HUB_TOKEN: token, ELECTRON_RUN_AS_NODE: '1' },
      // The Hub exits when this pipe closes, so it never outlives an extension host that died.
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    options.log.info(`local Hub: starting (pid ${child.pid ?? '?'}) on ${options.captures}`);
    const exited = new Promise<LocalHubExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      logHubLine(options.log, line);
    });
    return new Promise<LocalHubProcess>((resolve, reject) => {
      let settled = false;
      const fail = (message: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${message}${stderrTail.length ? `\n${stderrTail.join('\n')}` : ''}`));
      };
      const timer = setTimeout(() => fail(`The local Hub printed no ready line within ${(options.startTimeoutMs ?? 30_000) / 1000} s`), options.startTimeoutMs ?? 30_000);
      child.once('error', (e) => fail(`The local Hub could not start: ${e.message}`));
      void exited.then(({ code, signal }) => fail(`The local Hub exited (${signal ?? `code ${code}`}) before it was ready`));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const parsed = parseJson(line);
        const ready = parsed.ok ? asObject(parsed.value) : undefined;
        const port = num(ready, 'port');
        if (settled || str(ready, 'event') !== 'ready' || port === undefined) {
          if (line.trim()) options.log.debug(`local Hub stdout: ${line.slice(0, 500)}`);
          return;
        }
        settled = true;
        clearTimeout(timer);
        const hub = new LocalHubProcess(child, `http://127.0.0.1:${port}`, token, str(ready, 'version') ?? '', exited);
        options.log.info(`local Hub: ready at ${hub.baseUrl} (version ${hub.version || '?'}, pid ${child.pid ?? '?'})`);
        void exited.then(({ code, signal }) => {
          const how = signal ?? `code ${code}`;
          if (hub._stopping) options.log.info(`local Hub: stopped (${how})`);
          else options.log.error(`local Hub: exited unexpectedly (${how})`);
        });
        resolve(hub);
      });
    });
  }

  /** Ends the process: SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 5000): Promise<void> {
    this._stopping = true;
    if (this._child.exitCode !== null || this._child.signalCode !== null) return;
    this._child.kill('SIGTERM');
    const timer = setTimeout(() => this._child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Forwards one stderr line of the local Hub (JSON `{ts, level, event, …fields}`) to the log. */
function logHubLine(log: HubLogger, line: string): void {
  const parsed = parseJson(line);
  const entry = parsed.ok ? asObject(parsed.value) : undefined;
  let text = line;
  if (entry !== undefined) {
    const fields = Object.entries(entry).filter(([k]) => k !== 'ts' && k !== 'level' && k !== 'event' && k !== 'msg' && k !== 'message');
    const head = str(entry, 'event') ?? str(entry, 'msg') ?? str(entry, 'message') ?? '';
    text = [head, ...fields.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)].join(' ');
  }
  text = `local Hub: ${text.slice(0, 2000)}`;
  const level = str(entry, 'level');
  if (level === 'error' || level === 'fatal') log.error(text);
  else if (level === 'warn' || level === 'warning') log.warn(text);
  else if (level === 'debug' || level === 'trace') log.debug(text);
  else log.info(text);
}
