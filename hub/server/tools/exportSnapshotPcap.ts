import { type ExportPcapResult } from '../../../protocol/hubApi';
import { type ExportRequest, exportPath, prepareExport } from '../../snapshots/exportRequest';
import { defineTool, objectSchema } from './registry';
import { ID_SCHEMA, requireLocal } from './snapshotView';

export const exportSnapshotPcap = defineTool<ExportRequest>({
  name: 'export_snapshot_pcap',
  description: 'Filter a completed snapshot\'s packets (nodes, sub-window, BPF) and return a relative path that downloads them as one merged, time-ordered pcap (pcapng when link types differ).',
  inputSchema: objectSchema({
    id: ID_SCHEMA,
    nodes: { type: 'array', items: { type: 'string' }, description: 'Subset of the snapshot\'s nodes.' },
    bpf_filter: { type: 'string', description: 'BPF expression, e.g. "host 10.0.53.101 or host 10.0.53.205".' },
    start_time: { type: 'integer', description: 'Sub-window start, Unix ms (inside the snapshot window).' },
    end_time: { type: 'integer', description: 'Sub-window end, Unix ms, inclusive.' },
  }, ['id']),
  handler(args, ctx): ExportPcapResult {
    const prepared = prepareExport(ctx.snapshots, args, (id) => requireLocal(ctx, id));
    const result: ExportPcapResult = { path: exportPath(args), filename: prepared.filename, content_type: prepared.plan.contentType };
    return prepared.warnings.length ? { ...result, warnings: prepared.warnings } : result;
  },
});
