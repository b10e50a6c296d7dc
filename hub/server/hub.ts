import { type Server } from 'node:http';
import path from 'node:path';
import { CaptureIndex } from '../captures/captureIndex';
import { CloudStore } from '../cloud/cloudStore';
import { SnapshotStore } from '../snapshots/snapshotStore';
import { createContext, type HubContext } from './context';
import { HUB_EXTENSIONS } from './extensions';
import { createHubServer, listen } from './httpServer';
import { type Logger } from './log';
import { coreTools } from './tools';
import { ToolRegistry } from './tools/registry';

export const HUB_VERSION = '0.1.0';

/** The only interfaces the Local Hub binds (hub-api.md §3.1). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export interface HubOptions {
  captures: string;
  state: string;
  host: string;
  port: number;
  cloudFolder: string | null;
  token: string | null;
  log: Logger;
}

export interface RunningHub {
  readonly port: number;
  readonly context: HubContext;
  readonly registry: ToolRegistry;
  close(): Promise<void>;
}

/** Builds the Hub (stores, tools) and starts listening. Other parts add tools via `registry.register`. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  if (!LOOPBACK_HOSTS.has(options.host)) throw new Error(`refusing to listen on '${options.host}': the local Hub binds only 127.0.0.1, ::1 or localhost`);
  const state = path.resolve(options.state);
  const snapshots = new SnapshotStore(state, options.log);
  const cloud = new CloudStore(options.cloudFolder, state, options.log);
  const context = createContext(HUB_VERSION, new CaptureIndex(path.resolve(options.captures)), snapshots, cloud, options.log);
  const registry = new ToolRegistry();
  registry.register(...coreTools);
  for (const extend of HUB_EXTENSIONS) extend(registry, context);
  const server: Server = createHubServer(context, registry, { token: options.token });
  const port = await listen(server, options.host, options.port);
  return {
    port,
    context,
    registry,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
