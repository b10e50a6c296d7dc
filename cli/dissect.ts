import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dissect } from '../hub/dissect/engine/dissect';
import { compileFilter } from '../hub/dissect/query/filter';
import { RowView } from '../hub/dissect/query/rowView';
import { fullCall } from '../hub/dissect/query/shapes';
import { DETAILS_FILE } from '../hub/dissect/store/persist';
import { HubError } from '../hub/server/errors';
import { loadWorkloads } from '../hub/workloads/workloads';
import { type CliCommand, type CliIo, UsageError } from './command';

const USAGE = `Usage: kubeshark-forensics dissect FILES… [--kfl QUERY] [--format ndjson|table] [--workloads FILE]

Dissects capture files (pcap or pcapng) offline into API calls (HTTP/1.x, HTTP/2, gRPC, DNS,
TLS handshakes, Redis, PostgreSQL) and prints one call per line in time order: NDJSON in the shape
of list_api_calls' full format (default), or a table. Each file is its own node, named after the
file. Without --kfl only API calls are printed; with it, every entry the filter matches (L4
entries too: \`conn\`, \`flow\`). --workloads names a workloads.json for Kubernetes identities.

Exit codes: 0 ok, 1 some input was damaged (calls before the damage are printed),
2 usage error or invalid filter, 3 failure.`;

interface Args {
  files: string[];
  kfl: string | null;
  format: 'ndjson' | 'table';
  workloads: string | null;
}

function parseArgs(args: string[], cwd: string): Args {
  const out: Args = { files: [], kfl: null, format: 'ndjson', workloads: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--kfl') out.kfl = value();
    else if (a === '--workloads') out.workloads = path.resolve(cwd, value());
    else if (a === '--format') {
      const f = value();
      if (f !== 'ndjson' && f !== 'table') throw new UsageError(`--format takes ndjson or table, got '${f}'`);
      out.format = f;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else out.files.push(path.resolve(cwd, a));
  }
  if (out.files.length === 0) throw new UsageError('no input files');
  return out;
}

const CALLS_ONLY = '!conn && !flow';

export const dissectCommand: CliCommand = {
  name: 'dissect',
  summary: 'Dissect capture files into API calls (NDJSON or a table), optionally filtered with KFL',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, io.cwd);
    const workloads = args.workloads ? loadWorkloads(args.workloads) : { workloads: [], problems: [] };
    for (const p of workloads.problems) io.stderr.write(`warning: ${p}\n`);
    const work = mkdtempSync(path.join(tmpdir(), 'kubeshark-dissect-'));
    try {
      const nodes = args.files.map((f) => ({ name: path.basename(f, path.extname(f)), files: [f] }));
      const result = await dissect({ nodes, workloads: workloads.workloads }, { detailsPath: path.join(work, DETAILS_FILE) });
      const store = result.store;
      const text = args.kfl ?? CALLS_ONLY;
      let filter;
      try {
        filter = compileFilter(text, store);
      } catch (e) {
        if (e instanceof HubError) return showFilterError(io, text, e);
        throw e;
      }
      const view = new RowView(store);
      // A reader that stops early (`| head`) closes the pipe: stop printing, quietly.
      let closed = false;
      io.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        closed = true;
      });
      let lines: string[] = [];
      const flush = (): void => {
        if (lines.length && !closed) io.stdout.write(`${lines.join('\n')}\n`);
        lines = [];
      };
      if (args.format === 'table') lines.push(tableHeader());
      for (const row of store.order) {
        if (closed) break;
        if (filter.evaluate(row) !== true) continue;
        const call = fullCall(view, row);
        lines.push(args.format === 'table' ? tableRow(call) : JSON.stringify(call));
        if (lines.length >= 1000) flush();
      }
      flush();
      for (const e of result.errors) io.stderr.write(`warning: ${e}\n`);
      return result.errors.length ? 1 : 0;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

function showFilterError(io: CliIo, text: string, error: HubError): number {
  const d = error.details as { offset?: number; length?: number } | undefined;
  const offset = d?.offset ?? 0;
  io.stderr.write(`invalid KFL filter: ${error.message}\n  ${text}\n  ${' '.repeat(offset)}${'^'.repeat(Math.max(1, d?.length ?? 1))}\n`);
  return 2;
}

function tableHeader(): string {
  return ['TIME (UTC)'.padEnd(24), 'PROTO'.padEnd(10), 'METHOD'.padEnd(8), 'STATUS'.padStart(6), 'LATENCY_MS'.padStart(11), 'SOURCE'.padEnd(28), 'DESTINATION'.padEnd(28), 'PATH'].join(' ');
}

function tableRow(call: ReturnType<typeof fullCall>): string {
  const ep = (e: { ip: string; port: number }): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);
  return [
    new Date(call.ts).toISOString().padEnd(24), call.proto.padEnd(10), call.method.slice(0, 8).padEnd(8), String(call.status).padStart(6),
    call.latency_ms.toFixed(3).padStart(11), ep(call.src).padEnd(28), ep(call.dst).padEnd(28), printable(call.path),
  ].join(' ');
}

/** Captured text may hold control characters: shown escaped, never sent to the terminal raw. */
function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
