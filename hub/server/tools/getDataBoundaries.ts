import { type DataBoundaries } from '../../../protocol/hubApi';
import { CaptureIndex } from '../../captures/captureIndex';
import { defineTool, objectSchema } from './registry';

/** §5.2, plus (Local) `errors`: damaged capture files with file and byte offset. */
export const getDataBoundaries = defineTool<Record<string, never>>({
  name: 'get_data_boundaries',
  description: 'Raw-capture time window (Unix ms, UTC) of the cluster and of each node: the span in which a snapshot can be created.',
  inputSchema: objectSchema({}),
  handler(_args, ctx): DataBoundaries {
    const nodes = ctx.captures.nodes();
    const withData = nodes.filter((n) => n.oldestMs !== null && n.newestMs !== null);
    const oldest = Math.min(...withData.map((n) => n.oldestMs!));
    const newest = Math.max(...withData.map((n) => n.newestMs!));
    return {
      cluster: withData.length ? { oldest_ts: oldest, newest_ts: newest } : { oldest_ts: 0, newest_ts: 0 },
      nodes: withData.map((n) => ({ name: n.name, oldest_ts: n.oldestMs!, newest_ts: n.newestMs! })),
      errors: CaptureIndex.problems(nodes),
    };
  },
});
