/**
 * A window against the Hub's data boundaries (hub-api.md §5.2, §5.6): inside, partly outside (the
 * Hub clips it) or outside (the Hub refuses it), with the "+15 min margin" the UI offers.
 */
import { formatLocalWithUtc } from '../../kfl/localTime';
import { type Boundaries, type TimeWindow } from '../client/model';

export const MARGIN_MS = 15 * 60_000;

/** `covers`: the window holds all of the data and more (nothing is cut off). */
export type WindowFit = 'inside' | 'covers' | 'partial' | 'outside' | 'no-data';

export interface WindowCheck {
  readonly fit: WindowFit;
  /** The chosen nodes' data window (union), when there is data. */
  readonly data?: TimeWindow;
  /** What to tell the person when the fit is not `inside`. */
  readonly message?: string;
}

/** The union of the chosen nodes' windows (all nodes when `nodes` is empty or undefined). */
export function dataWindow(boundaries: Boundaries, nodes?: readonly string[]): TimeWindow | undefined {
  const chosen = nodes && nodes.length > 0 ? boundaries.nodes.filter((n) => nodes.includes(n.name)) : boundaries.nodes;
  const windows = chosen.map((n) => n.window).filter((w): w is TimeWindow => w !== undefined);
  if (windows.length === 0) return nodes && nodes.length > 0 ? undefined : boundaries.cluster;
  return { start: Math.min(...windows.map((w) => w.start)), end: Math.max(...windows.map((w) => w.end)) };
}

export function checkWindow(window: TimeWindow, boundaries: Boundaries, zone: string, nodes?: readonly string[]): WindowCheck {
  const data = dataWindow(boundaries, nodes);
  const scope = nodes && nodes.length > 0 && nodes.length < boundaries.nodes.length ? 'the chosen nodes' : 'the Hub';
  if (!data) return { fit: 'no-data', message: `${scope === 'the Hub' ? 'The Hub has' : 'The chosen nodes have'} no captured data` };
  const range = `${formatLocalWithUtc(data.start, zone)} – ${formatLocalWithUtc(data.end, zone)}`;
  if (window.end < data.start || window.start > data.end) {
    return { fit: 'outside', data, message: `The window does not overlap the data of ${scope} (${range})` };
  }
  if (window.start <= data.start && window.end >= data.end) {
    return { fit: 'covers', data, message: `Covers all the data of ${scope} (${range})` };
  }
  if (window.start < data.start || window.end > data.end) {
    return { fit: 'partial', data, message: `The window reaches beyond the data of ${scope} (${range}); the Hub clips it` };
  }
  return { fit: 'inside', data };
}

export function withMargin(window: TimeWindow, marginMs = MARGIN_MS): TimeWindow {
  return { start: window.start - marginMs, end: window.end + marginMs };
}

/** `<start> → <end> (1 h 5 min)` in local time with UTC beside each end. */
export function describeWindow(window: TimeWindow, zone: string): string {
  return `${formatLocalWithUtc(window.start, zone)} → ${formatLocalWithUtc(window.end, zone)} (${formatDuration(window.end - window.start)})`;
}

/** `1 h 5 min`, `15 min`, `42 s`, `350 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`, !days && !hours && seconds && `${seconds} s`].filter(Boolean);
  return parts.join(' ') || '0 s';
}
