/**
 * The large generated capture (≥ 100,000 calls): made by ../shared/capture-tools/gen-captures.sh
 * in a private network namespace (needs root and Debian packages tcpdump, tshark, redis-server,
 * dnsmasq-base, dnsutils, ethtool, curl, openssl, iproute2), cached outside the repository and
 * reused while present. Never committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_DIR } from '../../../support/paths';

export const BIG_CALLS = 100_000;
export const GENERATED_DIR = process.env.KUBESHARK_BIG_CAPTURE_DIR ?? path.join(process.env.TMPDIR ?? tmpdir(), 'kubeshark-generated-captures');

export interface Generated {
  pcap: string;
  manifest: { calls: number; counts: Record<string, number> };
  /** Seconds the generation took (0 when reused). */
  seconds: number;
}

export function generatedCapture(): Generated {
  const pcap = path.join(GENERATED_DIR, 'big.pcap');
  const manifestFile = path.join(GENERATED_DIR, 'big.manifest.json');
  let seconds = 0;
  if (!existsSync(pcap) || !existsSync(manifestFile)) {
    if (process.getuid?.() !== 0) throw new Error(`generating ${pcap} needs root (network namespaces); run the tests as root or set KUBESHARK_BIG_CAPTURE_DIR to a folder holding big.pcap and big.manifest.json`);
    mkdirSync(GENERATED_DIR, { recursive: true });
    const started = Date.now();
    execFileSync('bash', [path.join(SHARED_DIR, 'capture-tools', 'gen-captures.sh'), GENERATED_DIR, '100', String(BIG_CALLS)], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, WORK: path.join(GENERATED_DIR, 'work') }, maxBuffer: 1 << 26,
    });
    seconds = Math.round((Date.now() - started) / 1000);
  }
  return { pcap, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Generated['manifest'], seconds };
}
