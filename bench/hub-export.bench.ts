// Filtered export of a ≥ 100 MB capture beside `tcpdump -r FILE -w OUT F`, alternating, median
// of 5 rounds: `node dist/cli.js export FILE --bpf F -o OUT` process against process (Node's
// start-up included), and the same export in this process (the library's own throughput). Fails
// if an output differs from tcpdump's by a byte. Also the peak RSS of an export on the capture
// and on a 4× larger copy (memory must be flat in file size).
//
//   npm run bench -- hub-export
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BpfFilter, isBpfError } from '../hub/bpf/filter';
import { describeCapture } from '../hub/capture/scan';
import { exportPackets } from '../hub/export/exporter';
import { planOutput } from '../hub/export/plan';
import { AtomicFile } from '../hub/util/atomicFile';
import { BENCH_DIR, enlarged, median, megabytes, peakRssMB, requireCapture, seconds } from './hub-captures';

const ROUNDS = 5;
const FILTERS = ['tcp port 8080', 'host 127.0.0.1 and tcp', 'not port 6379', 'udp port 53 or tcp port 50051', 'len > 1000'];
/** A private copy of the CLI bundle: a concurrent `scripts/build.mjs` empties dist/ while it builds. */
function cliCopy(): string {
  const copy = path.join(BENCH_DIR, 'cli.js');
  copyFileSync(path.join(__dirname, '..', '..', 'dist', 'cli.js'), copy);
  return copy;
}

async function exportInProcess(file: string, filter: string, out: string): Promise<void> {
  const parsed = BpfFilter.parse(filter);
  if (isBpfError(parsed)) throw new Error(parsed.message);
  const target = new AtomicFile(out);
  await exportPackets([file], planOutput([describeCapture(file)]), { filter: parsed }, (chunk) => target.write(chunk));
  target.commit();
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child-export') {
    await exportInProcess(process.argv[3]!, process.argv[4]!, process.argv[5]!);
    process.stdout.write(JSON.stringify({ peakRssMB: peakRssMB() }));
    return;
  }
  const file = requireCapture('big.pcap');
  const size = statSync(file).size;
  mkdirSync(BENCH_DIR, { recursive: true });
  const cli = cliCopy();
  const ours = path.join(BENCH_DIR, 'export-ours.pcap');
  const theirs = path.join(BENCH_DIR, 'export-tcpdump.pcap');
  const rows: Record<string, unknown>[] = [];
  for (const filter of FILTERS) {
    const oursTimes: number[] = [];
    const inProcessTimes: number[] = [];
    const tcpdumpTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t2 = process.hrtime.bigint();
      await exportInProcess(file, filter, ours);
      inProcessTimes.push(seconds(t2));
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, 'export', file, '--bpf', filter, '-o', ours], { encoding: 'utf8' });
      oursTimes.push(seconds(t0));
      if (r.status !== 0) throw new Error(`export failed for ${filter} (exit ${String(r.status ?? r.signal)}): ${r.stderr}`);
      const t1 = process.hrtime.bigint();
      spawnSync('tcpdump', ['-r', file, '-w', theirs, filter], { stdio: 'ignore' });
      tcpdumpTimes.push(seconds(t1));
    }
    const identical = readFileSync(ours).equals(readFileSync(theirs));
    if (!identical) throw new Error(`output differs from tcpdump for '${filter}'`);
    const oursMBps = megabytes(size) / median(oursTimes);
    const inProcessMBps = megabytes(size) / median(inProcessTimes);
    const tcpdumpMBps = megabytes(size) / median(tcpdumpTimes);
    rows.push({
      filter, outMB: Math.round(megabytes(statSync(ours).size)), cliMBps: Math.round(oursMBps), inProcessMBps: Math.round(inProcessMBps), tcpdumpMBps: Math.round(tcpdumpMBps),
      cliOverTcpdump: +(oursMBps / tcpdumpMBps).toFixed(2), inProcessOverTcpdump: +(inProcessMBps / tcpdumpMBps).toFixed(2), identical,
    });
  }
  // Peak RSS depends on when the garbage collector runs, so each size is measured 3 times (median).
  const memory = [file, enlarged(file, 4)].map((f) => {
    const runs = [0, 1, 2].map(() => {
      const r = spawnSync(process.execPath, [__filename, '--child-export', f, 'tcp', ours], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return (JSON.parse(r.stdout) as { peakRssMB: number }).peakRssMB;
    });
    return { file: path.basename(f), sizeMB: Math.round(megabytes(statSync(f).size)), peakRssMB: Math.round(median(runs)), maxOf3MB: Math.round(Math.max(...runs)) };
  });
  console.table(rows);
  console.table(memory);
  mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'hub-export.json'), `${JSON.stringify({ rounds: ROUNDS, node: process.version, sizeMB: Math.round(megabytes(size)), rows, memory }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
