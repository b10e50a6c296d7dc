// Dissection throughput and peak memory on a ≥ 100 MB capture (goal: ≥ 10× tshark's throughput,
// ≤ 0.5× its peak RSS), side by side with tshark's HTTP field export on the same file (the command
// of ../shared/capture-tools/bench-tshark.sh). Our side is a whole snapshot dissection in a fresh
// process: every protocol, bodies written to the details file, the store sealed and saved. Each
// round starts both at the same moment, so they share whatever load the machine has; the ratios
// are taken per round (wall time, and CPU time which load disturbs less), then the median.
//
//   npm run bench -- dissect-throughput
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { dissect } from '../hub/dissect/engine/dissect';
import { DETAILS_FILE, saveStore } from '../hub/dissect/store/persist';
import { median, megabytes, peakRssMB, requireCapture } from './hub-captures';

const ROUNDS = 3;

const TSHARK = [
  '-d', 'tcp.port==8081,http2', '-d', 'tcp.port==50051,http2', '-Y', 'http.request or http.response',
  '-T', 'fields', '-E', 'header=y', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=\x1f',
  ...['frame.number', 'frame.time_epoch', 'tcp.stream', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport', 'http.request.method',
    'http.request.uri', 'http.host', 'http.user_agent', 'http.response.code', 'http.request_in', 'http.time', 'http.content_length', 'http.content_type',
    'http.content_encoding'].flatMap((f) => ['-e', f]),
];

if (process.argv[2] === '--child-dissect') {
  const file = process.argv[3]!;
  const dir = mkdtempSync(path.join(tmpdir(), 'dissect-bench-'));
  const t0 = process.hrtime.bigint();
  void dissect({ nodes: [{ name: 'big', files: [file] }], workloads: [] }, { detailsPath: path.join(dir, DETAILS_FILE) }).then((r) => {
    saveStore(r.store, dir);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rmSync(dir, { recursive: true, force: true });
    const cpu = process.cpuUsage();
    process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMB: peakRssMB(), calls: r.progress.calls, packets: r.progress.packets }));
  });
} else {
  void main();
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
}

/** Runs a command; resolves with its stdout and stderr. */
function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on('data', (c: Buffer) => {
      // tshark's field export is only counted, not kept.
      outBytes += c.length;
      if (outBytes < 1 << 20) out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
  });
}

async function main(): Promise<void> {
  const file = requireCapture('big.pcap');
  const size = statSync(file).size;
  await run('cat', [file]); // page cache
  const ours: (Run & { calls: number; packets: number })[] = [];
  const tshark: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [o, t] = await Promise.all([
      run(process.execPath, [__filename, '--child-dissect', file]),
      run('/usr/bin/time', ['-f', '%e %U %S %M', 'tshark', '-r', file, ...TSHARK]),
    ]);
    if (o.code !== 0) throw new Error(o.stderr);
    ours.push(JSON.parse(o.stdout) as (typeof ours)[number]);
    const [secs, user, sys, kb] = t.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    tshark.push({ seconds: secs!, cpuSeconds: user! + sys!, peakRssMB: kb! / 1024 });
  }
  const ratio = (f: (r: Run) => number): number => median(ours.map((o, i) => f(tshark[i]!) / f(o)));
  const row = {
    file: path.basename(file), sizeMB: Math.round(megabytes(size)), packets: ours[0]!.packets, calls: ours[0]!.calls,
    oursSeconds: +median(ours.map((o) => o.seconds)).toFixed(2), oursCpuSeconds: +median(ours.map((o) => o.cpuSeconds)).toFixed(2),
    oursPeakRssMB: Math.round(median(ours.map((o) => o.peakRssMB))),
    tsharkSeconds: +median(tshark.map((t) => t.seconds)).toFixed(2), tsharkCpuSeconds: +median(tshark.map((t) => t.cpuSeconds)).toFixed(2),
    tsharkPeakRssMB: Math.round(median(tshark.map((t) => t.peakRssMB))),
    wallRatio: +ratio((r) => r.seconds).toFixed(1), cpuRatio: +ratio((r) => r.cpuSeconds).toFixed(1),
    rssRatio: +(median(ours.map((o) => o.peakRssMB)) / median(tshark.map((t) => t.peakRssMB))).toFixed(2),
  };
  console.table([row]);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`goal ≥ 10× throughput: ${row.wallRatio >= 10 ? 'met' : 'MISSED'} (wall), ${row.cpuRatio >= 10 ? 'met' : 'MISSED'} (CPU); goal ≤ 0.5× peak RSS: ${row.rssRatio <= 0.5 ? 'met' : 'MISSED'}`);
  mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'dissect-throughput.json'), `${JSON.stringify({ rounds: ROUNDS, node: process.version, row, ours, tshark }, null, 2)}\n`);
}
