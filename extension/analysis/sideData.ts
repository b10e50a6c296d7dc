/**
 * What the analysis knows about one snapshot (or live data): its flows, its API calls (up to a
 * cap), the calls of targeted queries (tool user agents, plaintext credentials) and the
 * addresses its workloads held. Gathered by gather/, read by compare and the detectors.
 */
import { type CallRecord } from './calls';
import { type FlowRecord } from './flows';

export interface Window {
  readonly start: number;
  readonly end: number;
}

export interface Collected<T> {
  readonly items: readonly T[];
  /** Matches the Hub reported, when it said. */
  readonly total?: number;
  /** More existed than were collected (the cap, or a Hub that pages no further). */
  readonly truncated: boolean;
}

export interface SideData {
  /** The snapshot's name, or `Live traffic`. */
  readonly label: string;
  readonly snapshotId?: string;
  readonly dissection?: string;
  /** The snapshot's window, else the span of its calls. */
  readonly window?: Window;
  readonly flows: Collected<FlowRecord>;
  readonly calls: Collected<CallRecord>;
  readonly toolCalls: Collected<CallRecord>;
  readonly credentialCalls: Collected<CallRecord>;
  readonly workloadIps: readonly string[];
}

/** The KFL prefix of "API calls only": the Hub's L4 connection and flow records are entries too. */
export const API_CALLS_KFL = '!conn && !flow';

/** Length of the side's window in ms (at least 1 s, so rates stay finite). */
export function windowMs(side: SideData): number {
  if (side.window) return Math.max(1000, side.window.end - side.window.start);
  const times = side.calls.items.map((c) => c.ts);
  return times.length > 0 ? Math.max(1000, Math.max(...times) - Math.min(...times)) : 1000;
}
