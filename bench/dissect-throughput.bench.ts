// Dissection throughput and peak memory on a ≥ 100 MB capture (goal: ≥ 10× tshark's throughput,
// ≤ 0.5× its peak RSS), side by side with tshark's HTTP field export on the same file (the command
// of ../shared/capture-tools/bench-tshark.sh). Our side is a whole snapshot dissection in a fresh
// process: every protocol, bodies written to the details file, the store sealed and saved. Runs
// alternate so both see the same machine state.
//
//   npm run bench -- dissect-throughput
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    process.stdout.write(JSON.stringify({ seconds, peakRssMB: peakRssMB(), calls: r.progress.calls, packets: r.progress.packets }));
  });
} else {
  const file = requireCapture('big.pcap');
  const size = statSync(file).size;
  const ours: { seconds: number; peakRssMB: number; calls: number; packets: number }[] = [];
  const tshark: { seconds: number; peakRssMB: number }[] = [];
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // page cache
  for (let i = 0; i < ROUNDS; i++) {
    const r = spawnSync(process.execPath, [__filename, '--child-dissect', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    ours.push(JSON.parse(r.stdout) as (typeof ours)[number]);
    const t = spawnSync('/usr/bin/time', ['-f', '%e %M', 'tshark', '-r', file, ...TSHARK], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
    const [secs, kb] = t.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    tshark.push({ seconds: secs!, peakRssMB: kb! / 1024 });
  }
  const oursS = median(ours.map((o) => o.seconds));
  const tsharkS = median(tshark.map((t) => t.seconds));
  const oursRss = median(ours.map((o) => o.peakRssMB));
  const tsharkRss = median(tshark.map((t) => t.peakRssMB));
  const row = {
    file: path.basename(file), sizeMB: Math.round(megabytes(size)), packets: ours[0]!.packets, calls: ours[0]!.calls,
    oursSeconds: +oursS.toFixed(2), oursMBps: +(megabytes(size) / oursS).toFixed(1), oursPeakRssMB: Math.round(oursRss),
    tsharkSeconds: +tsharkS.toFixed(2), tsharkMBps: +(megabytes(size) / tsharkS).toFixed(1), tsharkPeakRssMB: Math.round(tsharkRss),
    throughputRatio: +(tsharkS / oursS).toFixed(1), rssRatio: +(oursRss / tsharkRss).toFixed(2),
  };
  console.table([row]);
  console.log(`goal ≥ 10× throughput: ${row.throughputRatio >= 10 ? 'met' : 'MISSED'}; goal ≤ 0.5× peak RSS: ${row.rssRatio <= 0.5 ? 'met' : 'MISSED'}`);
  mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'dissect-throughput.json'), `${JSON.stringify({ rounds: ROUNDS, node: process.version, row, ours, tshark }, null, 2)}\n`);
}
