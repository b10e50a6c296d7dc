import path from 'node:path';
import { type Snapshot } from '../../../protocol/hubApi';
import { type CaptureNode } from '../../captures/captureIndex';
import { WORKLOADS_FILE } from '../../workloads/workloads';
import { resolveWindow } from '../../snapshots/window';
import { invalidArgument } from '../errors';
import { defineTool, objectSchema } from './registry';
import { wireOf } from './snapshotView';

interface Args {
  name?: string;
  start_time?: number;
  end_time?: number;
  duration?: string;
  nodes?: string[];
}

const MAX_NAME = 200;

/** `snap-<yyyymmdd-hhmmss>` in UTC (§5.6). */
function defaultName(now: number): string {
  const iso = new Date(now).toISOString();
  return `snap-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

export function chooseNodes(all: CaptureNode[], wanted: string[] | undefined, argument = 'nodes'): CaptureNode[] {
  if (!wanted || wanted.length === 0) return all;
  const byName = new Map(all.map((n) => [n.name, n]));
  return [...new Set(wanted)].map((name) => {
    const node = byName.get(name);
    if (!node) throw invalidArgument(argument, `unknown node '${name}'; nodes: ${[...byName.keys()].join(', ') || '(none)'}`);
    return node;
  });
}

export const createSnapshot = defineTool<Args>({
  name: 'create_snapshot',
  description: 'Copy the packets of a time window (chosen nodes, or all) into an immutable snapshot. Returns at once with status in_progress; poll get_snapshot.',
  inputSchema: objectSchema({
    name: { type: 'string', description: 'Human name; default snap-<yyyymmdd-hhmmss> (UTC).' },
    start_time: { type: 'integer', description: 'Window start, Unix ms UTC (with end_time).' },
    end_time: { type: 'integer', description: 'Window end, Unix ms UTC, inclusive (with start_time).' },
    duration: { type: 'string', description: 'Instead of start/end: a window of this length ending at the newest data, e.g. "15m", "1h" (units ms s m h).' },
    nodes: { type: 'array', items: { type: 'string' }, description: 'Node names; omitted or empty = all nodes.' },
  }),
  handler(args, ctx): Snapshot & { warnings: string[] } {
    if (args.name !== undefined && (args.name.trim() === '' || args.name.length > MAX_NAME)) {
      throw invalidArgument('name', `argument 'name' must be 1–${MAX_NAME} characters`);
    }
    const nodes = chooseNodes(ctx.captures.nodes(), args.nodes);
    const window = resolveWindow(args, nodes);
    const record = ctx.snapshots.create({
      name: args.name ?? defaultName(Date.now()),
      startMs: window.startMs,
      endMs: window.endMs,
      nodes: nodes.filter((n) => n.oldestMs !== null && n.newestMs! >= window.startMs && n.oldestMs <= window.endMs),
      workloadsFile: path.join(ctx.captures.root, WORKLOADS_FILE),
      warnings: window.warnings,
    });
    return { ...wireOf(ctx, record, false), warnings: record.warnings };
  },
});
