// Read + decode throughput of the capture layer on a ≥ 100 MB capture (pcap and pcapng), beside
// `tcpdump -r FILE -w /dev/null` (libpcap reading the same file), and peak RSS on the capture and
// on a 4× larger copy of it, each read in a fresh process: memory must stay flat in file size.
//
//   npm run bench -- hub-read
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodePacket } from '../hub/capture/decode/decode';
import { DecodedPacket } from '../hub/capture/decode/decodedPacket';
import { openCapture } from '../hub/capture/open';
import { enlarged, median, megabytes, peakRssMB, requireCapture, seconds } from './hub-captures';

const ROUNDS = 5;

/** Reads and decodes every packet; returns packets and a checksum so nothing is optimised away. */
function readAll(file: string): { packets: number; tcp: number } {
  const reader = openCapture(file);
  if ('code' in reader) throw new Error(reader.message);
  const d = new DecodedPacket();
  let packets = 0;
  let tcp = 0;
  for (let p = reader.next(); p; p = reader.next()) {
    packets++;
    decodePacket(p, d);
    if (d.isTcp) tcp += d.payloadLength;
  }
  reader.close();
  if (reader.error) throw new Error(reader.error.message);
  return { packets, tcp };
}

if (process.argv[2] === '--child-read') {
  readAll(process.argv[3]!);
  process.stdout.write(JSON.stringify({ peakRssMB: peakRssMB() }));
  process.exit(0);
}

function childRss(file: string): number {
  const r = spawnSync(process.execPath, [__filename, '--child-read', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { peakRssMB: number }).peakRssMB;
}

const rows: Record<string, unknown>[] = [];
for (const name of ['big.pcap', 'big.pcapng']) {
  const file = requireCapture(name);
  const size = statSync(file).size;
  readAll(file); // warm the page cache and the JIT
  const ours: number[] = [];
  const tcpdump: number[] = [];
  let packets = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    packets = readAll(file).packets;
    ours.push(seconds(t0));
    const t1 = process.hrtime.bigint();
    spawnSync('tcpdump', ['-r', file, '-w', '/dev/null'], { stdio: 'ignore' });
    tcpdump.push(seconds(t1));
  }
  const oursMBps = megabytes(size) / median(ours);
  const tcpdumpMBps = megabytes(size) / median(tcpdump);
  rows.push({ file: name, sizeMB: Math.round(megabytes(size)), packets, readDecodeMBps: Math.round(oursMBps), tcpdumpReadMBps: Math.round(tcpdumpMBps), oursOverTcpdump: +(oursMBps / tcpdumpMBps).toFixed(2) });
}

const base = requireCapture('big.pcap');
const big4 = enlarged(base, 4);
const memory = [base, big4].map((file) => ({ file: path.basename(file), sizeMB: Math.round(megabytes(statSync(file).size)), peakRssMB: Math.round(childRss(file)) }));

console.table(rows);
console.table(memory);
mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'hub-read.json'), `${JSON.stringify({ rounds: ROUNDS, node: process.version, rows, memory }, null, 2)}\n`);
