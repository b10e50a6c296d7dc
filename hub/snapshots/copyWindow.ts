import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type CaptureFile, problemOf } from '../captures/captureIndex';
import { exportPackets } from '../export/exporter';
import { planOutput } from '../export/plan';
import { AtomicFile } from '../util/atomicFile';
import { type StoredNode } from './snapshotRecord';

export interface CopyResult {
  node: StoredNode;
  warnings: string[];
}

/**
 * Copies the packets of `files` whose time (truncated to ms) is inside [startMs, endMs] into
 * `nodeDir`, one output file per source file in the source's own format family (pcap when it has
 * one link type, ns precision kept), each written under a temporary name and renamed when done.
 * Damaged sources contribute the packets before the damage, with a warning naming file and offset.
 */
export async function copyWindow(
  name: string, files: readonly CaptureFile[], startMs: number, endMs: number, snapshotDir: string, nodeDir: string, signal: AbortSignal,
): Promise<CopyResult> {
  mkdirSync(nodeDir, { recursive: true });
  const node: StoredNode = { name, start_ts: endMs, end_ts: startMs, packet_count: 0, size_bytes: 0, file_count: 0, files: [] };
  const warnings: string[] = [];
  for (const [i, f] of files.entries()) {
    const s = f.summary;
    if (s.error) warnings.push(`${problemOf(f, s.error).message}; packets before it were copied`);
    if (s.minMs === null || s.maxMs === null || s.maxMs < startMs || s.minMs > endMs) continue;
    const plan = planOutput([s]);
    const target = path.join(nodeDir, `${String(i).padStart(4, '0')}-${path.basename(f.path, path.extname(f.path))}${plan.extension}`);
    const out = new AtomicFile(target);
    try {
      const result = await exportPackets([f.path], plan, { startMs, endMs, signal }, (chunk) => out.write(chunk));
      if (signal.aborted) return { node, warnings };
      if (result.packets === 0) continue;
      out.commit();
      node.packet_count += result.packets;
      node.size_bytes += result.bytes;
      node.file_count++;
      node.files.push(path.relative(snapshotDir, target).split(path.sep).join('/'));
      node.start_ts = Math.min(node.start_ts, Math.max(s.minMs, startMs));
      node.end_ts = Math.max(node.end_ts, Math.min(s.maxMs, endMs));
    } finally {
      out.abort();
    }
  }
  if (node.file_count === 0) {
    node.start_ts = startMs;
    node.end_ts = endMs;
  }
  return { node, warnings };
}
