// Shared by the hub-* benchmarks: where the large generated captures live, and small helpers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Generated captures live outside the repository (never committed). */
export const BENCH_DIR = process.env.KUBESHARK_BENCH_DIR ?? path.join(process.env.TMPDIR ?? tmpdir(), 'kubeshark-bench');
export const GEN_DIR = path.join(BENCH_DIR, 'gen');

/** big.pcap / big.pcapng from gen-captures.sh, or exit with how to make them. */
export function requireCapture(name: string): string {
  const file = path.join(GEN_DIR, name);
  if (!existsSync(file)) {
    console.error(`missing ${file}\nmake it with: ../shared/capture-tools/gen-captures.sh ${GEN_DIR} 200 100000   (needs root, tcpdump, tshark, redis-server, dnsmasq-base, dnsutils, ethtool)`);
    process.exit(2);
  }
  return file;
}

/** A capture `times` as large: the same records appended `times` over (mergecap -a). */
export function enlarged(file: string, times: number): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const out = path.join(BENCH_DIR, `${path.basename(file, path.extname(file))}-x${times}${path.extname(file)}`);
  if (!existsSync(out) || statSync(out).size < statSync(file).size * times * 0.99) {
    const r = spawnSync('mergecap', ['-a', '-F', path.extname(file) === '.pcapng' ? 'pcapng' : 'pcap', '-w', out, ...new Array<string>(times).fill(file)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('mergecap failed');
  }
  return out;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function megabytes(bytes: number): number {
  return bytes / 1e6;
}

/**
 * Peak resident memory of this process in MB. On Linux this is VmHWM: getrusage's maxRSS keeps
 * the high-water mark of the forking parent across exec, which would charge a child with the
 * benchmark's own memory.
 */
export function peakRssMB(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
