import path from 'node:path';
import { type BpfError, BpfFilter, isBpfError } from '../hub/bpf/filter';
import { linkTypeName } from '../hub/capture/packet';
import { describeCapture } from '../hub/capture/scan';
import { exportPackets } from '../hub/export/exporter';
import { planOutput } from '../hub/export/plan';
import { AtomicFile } from '../hub/util/atomicFile';
import { type CliCommand, type CliIo, UsageError } from './command';

const USAGE = `Usage: kubeshark-forensics export FILES… [--bpf EXPR] [--start MS --end MS] -o OUT

Merges capture files (pcap or pcapng) into one, in timestamp order, keeping the packets that
match the BPF filter and fall inside the window (Unix ms, inclusive; either bound may be given
alone). The output is a classic pcap when all inputs share one link type (nanosecond magic if any
input had ns timestamps), else pcapng with one interface per link type. OUT is written to a
temporary file and renamed into place when complete.

Exit codes: 0 ok, 1 some input was damaged (packets before the damage are exported),
2 usage error or invalid filter, 3 failure.`;

interface Args {
  files: string[];
  bpf: string | null;
  start: number | null;
  end: number | null;
  out: string;
}

function parseArgs(args: string[], cwd: string): Args {
  const files: string[] = [];
  let bpf: string | null = null;
  let start: number | null = null;
  let end: number | null = null;
  let out: string | null = null;
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const ms = (text: string, flag: string): number => {
    if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} takes Unix milliseconds, got '${text}'`);
    return Number(text);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--bpf') bpf = value(i++, a);
    else if (a === '--start') start = ms(value(i++, a), a);
    else if (a === '--end') end = ms(value(i++, a), a);
    else if (a === '-o' || a === '--output') out = value(i++, a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else files.push(path.resolve(cwd, a));
  }
  if (files.length === 0) throw new UsageError('no input files');
  if (!out) throw new UsageError('missing -o OUT');
  if (start !== null && end !== null && start > end) throw new UsageError('--start is after --end');
  return { files, bpf, start, end, out: path.resolve(cwd, out) };
}

function showFilterError(io: CliIo, text: string, error: BpfError): void {
  io.stderr.write(`invalid BPF filter at offset ${error.offset}: ${error.message}\n  ${text}\n  ${' '.repeat(error.offset)}${'^'.repeat(Math.max(1, error.length))}\n`);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Merge, filter (BPF) and window capture files into one pcap/pcapng',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, io.cwd);
    let filter: BpfFilter | null = null;
    if (args.bpf !== null && args.bpf.trim() !== '') {
      const parsed = BpfFilter.parse(args.bpf);
      if (isBpfError(parsed)) {
        showFilterError(io, args.bpf, parsed);
        return 2;
      }
      filter = parsed;
    }
    const described = args.files.map((f) => describeCapture(f));
    const plan = planOutput(described);
    for (const lt of plan.linkTypes) {
      const m = filter?.matcherFor(lt);
      if (m && isBpfError(m)) {
        showFilterError(io, args.bpf ?? '', { ...m, message: `${m.message} (input link type ${linkTypeName(lt)})` });
        return 2;
      }
    }
    const file = new AtomicFile(args.out);
    try {
      const result = await exportPackets(args.files, plan, { filter, startMs: args.start, endMs: args.end }, (chunk) => file.write(chunk));
      file.commit();
      for (const e of result.errors) io.stderr.write(`warning: ${e.message}\n`);
      io.stderr.write(`${result.packets} packets, ${result.bytes} bytes written to ${args.out} (${plan.format})\n`);
      return result.errors.length ? 1 : 0;
    } finally {
      file.abort();
    }
  },
};
