/**
 * A whole dissection: every node of the input, one after the other, into one call store. Runs
 * in slices (yielding to the event loop every few thousand packets) so that the Hub keeps
 * answering while it works, reports progress by bytes read, and stops when aborted.
 */
import { statSync } from 'node:fs';
import { type Workload } from '../../../protocol/hubApi';
import { IdentityResolver } from '../calls/identity';
import { CallStore } from '../store/callStore';
import { DetailsWriter } from '../store/detailsFile';
import { type DissectionCounters, NodeDissector } from './nodeDissector';
import { PacketSource } from './packetSource';
import { RowWriter } from './rowWriter';

export interface DissectionInput {
  nodes: { name: string; files: string[] }[];
  workloads: readonly Workload[];
}

export interface DissectionProgress extends DissectionCounters {
  bytesRead: number;
  totalBytes: number;
  files: number;
}

export interface DissectOptions {
  /** Where bodies go; null keeps none (the CLI's one-shot runs can still show them from memory). */
  detailsPath: string | null;
  signal?: AbortSignal;
  onProgress?: (p: DissectionProgress) => void;
}

export interface DissectionResult {
  store: CallStore;
  progress: DissectionProgress;
  /** Non-fatal problems: damaged or unreadable files (named, with the byte offset). */
  errors: string[];
  aborted: boolean;
}

export async function dissect(input: DissectionInput, options: DissectOptions): Promise<DissectionResult> {
  const identities = new IdentityResolver(input.workloads);
  const store = new CallStore(input.nodes.map((n) => n.name), identities.identities, options.detailsPath);
  const details = options.detailsPath === null ? null : new DetailsWriter(options.detailsPath);
  const writer = new RowWriter(store, details);
  const sizes = input.nodes.map((n) => n.files.map(sizeOf));
  const progress: DissectionProgress = {
    packets: 0, calls: 0, protocolCounts: {}, bytesRead: 0, files: input.nodes.reduce((a, n) => a + n.files.length, 0),
    totalBytes: sizes.flat().reduce((a, b) => a + b, 0),
  };
  let connIds = 0;
  let flowIds = 0;
  const ids = { conn: () => ++connIds, flow: () => ++flowIds };
  const errors: string[] = [];
  let aborted = false;
  let doneBytes = 0;
  try {
    for (const [i, node] of input.nodes.entries()) {
      const source = new PacketSource(node.files, sizes[i]!);
      const dissector = new NodeDissector(i, writer, identities, ids, progress);
      try {
        const finished = await dissector.run(source, async () => {
          progress.bytesRead = doneBytes + source.bytesRead;
          options.onProgress?.(progress);
          await new Promise((resolve) => setImmediate(resolve));
          return !options.signal?.aborted;
        });
        if (!finished) aborted = true;
      } finally {
        source.close();
      }
      for (const e of source.errors) errors.push(e.message);
      doneBytes += source.totalBytes;
      progress.bytesRead = doneBytes;
      options.onProgress?.(progress);
      if (aborted) break;
    }
  } finally {
    details?.close();
  }
  store.seal();
  return { store, progress, errors, aborted };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
