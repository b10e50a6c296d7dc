import { type CaptureNode } from '../captures/captureIndex';
import { HubError, invalidArgument } from '../server/errors';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `"15m"`, `"1h"`, `"1h30m"`, `"500ms"` → milliseconds (units ms s m h, §5.6). */
export function parseDuration(text: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 && total > 0 ? Math.round(total) : null;
}

export interface WindowRequest {
  start_time?: number;
  end_time?: number;
  duration?: string;
}

export interface Window {
  startMs: number;
  endMs: number;
  warnings: string[];
}

/**
 * The snapshot window (§5.6): start/end, or a duration ending at the newest data, or the whole
 * raw-capture window; clipped to the chosen nodes' data with a warning per clip; 400
 * OUT_OF_BOUNDS when nothing overlaps.
 */
export function resolveWindow(req: WindowRequest, nodes: readonly CaptureNode[]): Window {
  const hasRange = req.start_time !== undefined || req.end_time !== undefined;
  if (hasRange && req.duration !== undefined) {
    throw invalidArgument('duration', "give either 'start_time' and 'end_time' or 'duration', not both");
  }
  if (hasRange && (req.start_time === undefined || req.end_time === undefined)) {
    const missing = req.start_time === undefined ? 'start_time' : 'end_time';
    throw invalidArgument(missing, `'${missing}' is required together with '${missing === 'start_time' ? 'end_time' : 'start_time'}'`);
  }
  const withData = nodes.filter((n) => n.oldestMs !== null);
  if (withData.length === 0) throw new HubError('OUT_OF_BOUNDS', 'the chosen nodes have no captured packets');
  const oldest = Math.min(...withData.map((n) => n.oldestMs!));
  const newest = Math.max(...withData.map((n) => n.newestMs!));
  let start = oldest;
  let end = newest;
  if (req.duration !== undefined) {
    const ms = parseDuration(req.duration);
    if (ms === null) throw invalidArgument('duration', `argument 'duration' must look like "15m", "1h" or "90s" (units ms, s, m, h), got ${JSON.stringify(req.duration)}`);
    start = newest - ms;
  } else if (hasRange) {
    start = req.start_time!;
    end = req.end_time!;
    if (start > end) throw invalidArgument('start_time', "'start_time' is after 'end_time'");
  }
  if (end < oldest || start > newest) {
    throw new HubError('OUT_OF_BOUNDS', `the window ${start}–${end} does not overlap the captured data ${oldest}–${newest}`, { oldest_ts: oldest, newest_ts: newest });
  }
  const warnings: string[] = [];
  if (start < oldest) {
    if (hasRange) warnings.push(`start_time ${start} is before the oldest data; the window starts at ${oldest}`);
    start = oldest;
  }
  if (end > newest) {
    warnings.push(`end_time ${end} is after the newest data; the window ends at ${newest}`);
    end = newest;
  }
  return { startMs: start, endMs: end, warnings };
}
