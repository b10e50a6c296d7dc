/**
 * tshark as the oracle (../shared/capture-tools/oracle.sh): runs it on a capture into a cache
 * folder outside the repository keyed by the capture's hash, and reads its joined calls.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_DIR } from '../../../support/paths';

export const ORACLE_SCRIPT = path.join(SHARED_DIR, 'capture-tools', 'oracle.sh');
export const CACHE_DIR = path.join(process.env.TMPDIR ?? tmpdir(), 'kubeshark-oracle-cache');

export function hasTshark(): boolean {
  return spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface OracleCall {
  proto: 'http' | 'http2' | 'grpc' | 'dns' | 'redis' | 'tls';
  stream?: number;
  reqFrame?: number;
  respFrame?: number;
  ts?: number;
  src?: string;
  dst?: string;
  method?: string;
  path?: string;
  status?: number | string | null;
  elapsedMs?: number;
  qname?: string;
  qtype?: string;
  rcode?: string | null;
  grpcStatus?: number;
  sni?: string;
  transport?: string;
}

export async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 24);
}

/** The oracle's output folder for `capture` (computed once per capture content). */
export async function oracleDir(capture: string): Promise<string> {
  const dir = path.join(CACHE_DIR, await fileHash(capture));
  if (existsSync(path.join(dir, 'calls.jsonl'))) return dir;
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  execFileSync('bash', [ORACLE_SCRIPT, capture, work], { stdio: 'ignore', maxBuffer: 1 << 26 });
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return dir;
}

export async function oracleCalls(capture: string): Promise<OracleCall[]> {
  const dir = await oracleDir(capture);
  return readFileSync(path.join(dir, 'calls.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OracleCall);
}

/** Rows of a tshark `-T fields` export with a header line. */
export function tsharkRows(capture: string, filter: string, fields: string[]): Record<string, string>[] {
  const out = execFileSync('tshark', ['-n', '-r', capture, '-Y', filter, '-T', 'fields', '-E', 'header=y', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=|', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [head, ...lines] = out.split('\n').filter((l) => l !== '');
  const names = head!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i]!, v])));
}
