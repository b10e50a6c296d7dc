/**
 * A real local Hub process for a test: `node dist/cli.js hub` on a temporary captures folder and
 * state folder, started through the extension's own LocalHubProcess, with a HubClient bound to it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubClient, type HubClientOptions } from '../../../extension/client/hubClient';
import { LocalHubProcess } from '../../../extension/client/localHub';
import { MemoryLogger } from '../../support/memoryLogger';
import { HubTools } from '../../../extension/client/tools';
import { REPO_ROOT } from '../../support/paths';

export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface TestHub {
  readonly process: LocalHubProcess;
  readonly client: HubClient;
  readonly tools: HubTools;
  readonly log: MemoryLogger;
  readonly captures: string;
  readonly scratch: string;
  /** A client with other options (e.g. no token, injected delays) for the same Hub. */
  clientWith(options: Partial<HubClientOptions>): HubClient;
  stop(): Promise<void>;
}

export interface TestHubOptions {
  /** Capture files copied into the captures folder (each becomes a node). */
  files: readonly string[];
  /** Written as workloads.json in the captures folder. */
  workloads?: unknown;
  cloud?: boolean;
}

export async function startTestHub(options: TestHubOptions): Promise<TestHub> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'ext-hub-'));
  const captures = path.join(scratch, 'captures');
  mkdirSync(captures);
  for (const file of options.files) copyFileSync(file, path.join(captures, path.basename(file)));
  if (options.workloads !== undefined) writeFileSync(path.join(captures, 'workloads.json'), JSON.stringify(options.workloads));
  const log = new MemoryLogger();
  const cloudFolder = options.cloud ? path.join(scratch, 'cloud') : undefined;
  if (cloudFolder) mkdirSync(cloudFolder);
  const process = await LocalHubProcess.start({ cliPath: CLI, captures, state: path.join(scratch, 'state'), cloudFolder, log, nodePath: globalThis.process.execPath });
  const clientWith = (overrides: Partial<HubClientOptions>): HubClient => new HubClient({
    baseUrl: process.baseUrl, credentials: () => ({ token: process.token }), log, requestTimeoutMs: 30_000, unreachableHint: 'The local Hub has stopped.', ...overrides,
  });
  const client = clientWith({});
  return {
    process, client, tools: new HubTools(client), log, captures, scratch, clientWith,
    async stop() {
      await client.dispose();
      await process.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
