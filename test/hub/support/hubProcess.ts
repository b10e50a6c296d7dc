import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { HEADER_AUTHORIZATION, HEADER_CAPTURE, type HubReadyLine } from '../../../protocol/hubApi';
import { REPO_ROOT } from '../../support/paths';

export interface HubResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

let cliCopy: string | undefined;

/**
 * dist/cli.js, copied once per test run: a build started meanwhile (another suite, a watcher)
 * empties dist/ while it works, which must not make a Hub fail to start half-way through.
 */
function cliBundle(): string {
  if (cliCopy) return cliCopy;
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'node scripts/build.mjs' first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-cli-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cliCopy = path.join(dir, 'cli.js');
  copyFileSync(cli, cliCopy);
  return cliCopy;
}

/** A `node dist/cli.js hub` child process, reached over real HTTP. */
export class HubProcess {
  readonly base: string;
  readonly stderr: string[] = [];

  private constructor(readonly child: ChildProcess, readonly port: number, readonly ready: HubReadyLine, readonly token: string | null) {
    this.base = `http://127.0.0.1:${port}`;
    createInterface({ input: child.stderr! }).on('line', (l) => this.stderr.push(l));
  }

  /** Starts the Hub and resolves when its ready line arrives on stdout. */
  static async start(args: string[], token: string | null = 'test-token'): Promise<HubProcess> {
    const cli = cliBundle();
    const env = { ...process.env };
    delete env.LOCAL_HUB_TOKEN;
    if (token !== null) env.LOCAL_HUB_TOKEN = token;
    const child = spawn(process.execPath, [cli, 'hub', '--host', '127.0.0.1', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`hub exited with ${String(code)} before it was ready`);
    });
    const [first] = (await Promise.race([once(lines, 'line'), exited])) as [string];
    const ready = JSON.parse(first) as HubReadyLine;
    return new HubProcess(child, ready.port, ready, token);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { [HEADER_CAPTURE]: 'ignore', ...(this.token ? { [HEADER_AUTHORIZATION]: this.token } : {}), ...extra };
  }

  async get<T = unknown>(p: string, headers = this.headers()): Promise<HubResponse<T>> {
    const res = await fetch(`${this.base}${p}`, { headers });
    const text = await res.text();
    return { status: res.status, body: (res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text) as T, headers: res.headers };
  }

  async download(p: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${this.base}/api${p}`, { headers: this.headers() });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  async call<T = unknown>(name: string, args: unknown = {}): Promise<HubResponse<T>> {
    const res = await fetch(`${this.base}/api/mcp/tools/call`, {
      method: 'POST', headers: this.headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ name, arguments: args }),
    });
    return { status: res.status, body: (await res.json()) as T, headers: res.headers };
  }

  /** Calls a tool that must succeed and returns its result. */
  async ok<T = Record<string, unknown>>(name: string, args: unknown = {}): Promise<T> {
    const r = await this.call<T>(name, args);
    if (r.status !== 200) throw new Error(`${name} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exit = once(this.child, 'exit');
    this.child.kill(signal);
    const [code] = (await exit) as [number | null];
    return code;
  }
}

/**
 * Polls `check` until it returns a value (not undefined) — for Hub states that have no event
 * over HTTP (snapshot and cloud job status, which clients poll too) — failing after `ms`.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until a snapshot leaves in_progress and returns it. */
export async function snapshotSettled(hub: HubProcess, id: string): Promise<Record<string, unknown>> {
  return until(`snapshot ${id}`, async () => {
    const s = await hub.ok('get_snapshot', { id });
    return s.status === 'in_progress' ? undefined : s;
  });
}
