import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type HubReadyLine } from '../protocol/hubApi';
import { HUB_VERSION, startHub } from '../hub/server/hub';
import { jsonLogger } from '../hub/server/log';
import { type CliCommand, UsageError } from './command';

const USAGE = `Usage: kubeshark-forensics hub --captures DIR --state DIR [--host 127.0.0.1] [--port 0] [--cloud-folder DIR|file://URL] [--exit-with-stdin]

Serves the Kubeshark Hub API over a folder of PCAP/PCAPNG files (spec/hub-api.md §3).
The token comes from the environment variable LOCAL_HUB_TOKEN (never the command line); when it
is set, every request but GET /api/echo needs it in X-Kubeshark-Authorization.
Prints {"event":"ready","port":…,"version":…} on stdout once listening; logs JSON lines on stderr.
Runs until interrupted (SIGINT/SIGTERM), or, with --exit-with-stdin, until its standard input
closes (so a Hub started by the extension never outlives the extension host).`;

interface HubArgs { captures: string; state: string; host: string; port: number; cloudFolder: string | null; exitWithStdin: boolean }

function parse(args: string[], cwd: string): HubArgs {
  const values = new Map<string, string>();
  let exitWithStdin = false;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--exit-with-stdin') { exitWithStdin = true; continue; }
    if (!['--captures', '--state', '--host', '--port', '--cloud-folder'].includes(flag)) throw new UsageError(`unknown option '${flag}'`);
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const captures = values.get('--captures');
  const state = values.get('--state');
  if (!captures) throw new UsageError('missing --captures DIR');
  if (!state) throw new UsageError('missing --state DIR');
  const capturesDir = path.resolve(cwd, captures);
  if (!existsSync(capturesDir) || !statSync(capturesDir).isDirectory()) throw new UsageError(`--captures: no folder at ${capturesDir}`);
  const portText = values.get('--port') ?? '0';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port must be 0–65535, got '${portText}'`);
  const cloud = values.get('--cloud-folder');
  return {
    captures: capturesDir,
    state: path.resolve(cwd, state),
    host: values.get('--host') ?? '127.0.0.1',
    port: Number(portText),
    cloudFolder: cloud === undefined ? null : cloud.startsWith('file:') ? cloud : path.resolve(cwd, cloud),
    exitWithStdin,
  };
}

export const hubCommand: CliCommand = {
  name: 'hub',
  summary: 'Serve the Hub API (snapshots, PCAP export, MCP tools) over a folder of captures',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, io.cwd);
    const log = jsonLogger((line) => io.stderr.write(line));
    const { exitWithStdin, ...options } = args;
    const hub = await startHub({ ...options, token: process.env.LOCAL_HUB_TOKEN || null, log });
    const ready: HubReadyLine = { event: 'ready', port: hub.port, version: HUB_VERSION };
    io.stdout.write(`${JSON.stringify(ready)}\n`);
    log.info('listening', { host: args.host, port: hub.port, captures: args.captures, state: args.state, cloud: args.cloudFolder });
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
      if (exitWithStdin) {
        process.stdin.once('end', () => resolve('stdin closed'));
        process.stdin.once('error', () => resolve('stdin closed'));
        process.stdin.resume();
      }
    });
    log.info('stopping', { signal });
    await hub.close();
    return 0;
  },
};
