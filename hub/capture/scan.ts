import { openCapture } from './open';
import { type CaptureError, type CaptureFormat, type TimestampPrecision } from './packet';
import { PcapReader } from './pcapReader';
import { effectiveSnaplen } from './reader';

/** What one pass over a capture file learns: enough to plan exports and answer boundaries. */
export interface CaptureSummary {
  path: string;
  format: CaptureFormat | null;
  packetCount: number;
  /** Smallest and largest packet time in Unix ms (truncated); null without packets. */
  minMs: number | null;
  maxMs: number | null;
  linkTypes: number[];
  /** 'ns' when any interface had finer than µs timestamps. */
  precision: TimestampPrecision;
  /** Largest snapshot length over the file's interfaces (as libpcap reports it). */
  snaplen: number;
  /** Bytes of packet data (captured lengths). */
  packetBytes: number;
  /** Damage found; everything counted above precedes it. */
  error: CaptureError | null;
}

/**
 * Reads a capture once, start to end. Times are the smallest and largest timestamps, not the
 * first and last records: real captures are not strictly ordered (hub-api.md §3.2).
 */
export function scanCapture(path: string): CaptureSummary {
  const summary: CaptureSummary = { path, format: null, packetCount: 0, minMs: null, maxMs: null, linkTypes: [], precision: 'us', snaplen: 0, packetBytes: 0, error: null };
  const reader = openCapture(path);
  if ('code' in reader) return { ...summary, error: reader };
  summary.format = reader.format;
  let minSec = Infinity;
  let minNsec = 0;
  let maxSec = -Infinity;
  let maxNsec = 0;
  let lastLinkType = -1;
  try {
    for (let p = reader.next(); p; p = reader.next()) {
      summary.packetCount++;
      summary.packetBytes += p.caplen;
      if (p.tsSec < minSec || (p.tsSec === minSec && p.tsNsec < minNsec)) {
        minSec = p.tsSec;
        minNsec = p.tsNsec;
      }
      if (p.tsSec > maxSec || (p.tsSec === maxSec && p.tsNsec > maxNsec)) {
        maxSec = p.tsSec;
        maxNsec = p.tsNsec;
      }
      if (p.linkType !== lastLinkType) {
        lastLinkType = p.linkType;
        if (!summary.linkTypes.includes(p.linkType)) summary.linkTypes.push(p.linkType);
      }
      if (p.precision === 'ns') summary.precision = 'ns';
      if (p.snaplen > summary.snaplen) summary.snaplen = p.snaplen;
    }
  } finally {
    reader.close();
  }
  summary.error = reader.error;
  if (summary.packetCount > 0) {
    summary.minMs = minSec * 1000 + Math.floor(minNsec / 1e6);
    summary.maxMs = maxSec * 1000 + Math.floor(maxNsec / 1e6);
  }
  return summary;
}

/**
 * The format facts an export plan needs (link types, precision, snaplen). A classic pcap states
 * them in its header, so only pcapng files (whose interfaces may appear anywhere) are read through.
 */
export function describeCapture(path: string): Pick<CaptureSummary, 'linkTypes' | 'precision' | 'snaplen' | 'error'> {
  const reader = openCapture(path);
  if ('code' in reader) return { linkTypes: [], precision: 'us', snaplen: 0, error: reader };
  if (reader instanceof PcapReader) {
    const h = reader.header;
    reader.close();
    return { linkTypes: [h.linkType], precision: h.precision, snaplen: effectiveSnaplen(h.snaplen), error: null };
  }
  reader.close();
  return scanCapture(path);
}
