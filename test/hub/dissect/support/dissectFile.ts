/** Dissects capture files in-process and lists the API calls in the full format. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CallFull, type Workload } from '../../../../protocol/hubApi';
import { dissect, type DissectionResult } from '../../../../hub/dissect/engine/dissect';
import { RowView } from '../../../../hub/dissect/query/rowView';
import { fullCall } from '../../../../hub/dissect/query/shapes';
import { DETAILS_FILE } from '../../../../hub/dissect/store/persist';

export interface Dissected {
  result: DissectionResult;
  calls: CallFull[];
  /** Transport of each call (same order as `calls`). */
  transports: ('tcp' | 'udp')[];
  cleanup(): void;
}

export async function dissectFiles(files: string[], workloads: Workload[] = []): Promise<Dissected> {
  const work = mkdtempSync(path.join(tmpdir(), 'dissect-test-'));
  const result = await dissect({ nodes: files.map((f) => ({ name: path.basename(f, path.extname(f)), files: [f] })), workloads }, { detailsPath: path.join(work, DETAILS_FILE) });
  const view = new RowView(result.store);
  const rows = [...result.store.order].filter((r) => view.isCall(r));
  const calls = rows.map((r) => fullCall(view, r));
  const transports = rows.map((r) => (view.isUdp(r) ? 'udp' as const : 'tcp' as const));
  return { result, calls, transports, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}
