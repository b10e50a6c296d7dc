/**
 * Captures for client tests: the shared samples, and a larger one made by repeating a sample's
 * packets shifted in time (for downloads that must still be running when something goes wrong).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CAPTURES_DIR } from './paths';

export const SMALL_PCAP = path.join(CAPTURES_DIR, 'small.pcap');
export const PG_PCAP = path.join(CAPTURES_DIR, 'pg.pcap');

/**
 * Writes `copies` back-to-back repetitions of a little-endian classic pcap's records, each copy
 * shifted by `gapSeconds` beyond the previous one, so timestamps keep rising.
 */
export function writeRepeatedCapture(source: string, destination: string, copies: number, gapSeconds = 10): void {
  const data = readFileSync(source);
  if (data.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${source}: expected a little-endian microsecond pcap`);
  const records: { sec: number; rest: Buffer }[] = [];
  for (let offset = 24; offset + 16 <= data.length;) {
    const length = data.readUInt32LE(offset + 8);
    records.push({ sec: data.readUInt32LE(offset), rest: data.subarray(offset + 4, offset + 16 + length) });
    offset += 16 + length;
  }
  const span = records[records.length - 1]!.sec - records[0]!.sec + gapSeconds;
  const fd = openSync(destination, 'w');
  try {
    writeSync(fd, data.subarray(0, 24));
    const sec = Buffer.alloc(4);
    for (let copy = 0; copy < copies; copy++) {
      for (const record of records) {
        sec.writeUInt32LE(record.sec + copy * span);
        writeSync(fd, sec);
        writeSync(fd, record.rest);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** tcpdump's own filtering of a capture: `tcpdump -r IN -w OUT FILTER`. */
export function tcpdumpFilter(input: string, output: string, filter: string): void {
  execFileSync('tcpdump', ['-r', input, '-w', output, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Packet timestamps (Unix ms, truncated) of a capture, as tcpdump reads them. */
export function packetTimes(file: string): number[] {
  const out = execFileSync('tcpdump', ['-r', file, '-nn', '--time-stamp-precision=micro', '-tt'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l !== '').map((l) => {
    const [sec, micro] = l.split(' ', 1)[0]!.split('.');
    return Number(sec) * 1000 + Math.floor(Number(micro) / 1000);
  });
}
