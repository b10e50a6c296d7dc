import { type TimestampPrecision } from '../capture/packet';
import { MAX_SNAPLEN } from '../capture/reader';
import { type CaptureSummary } from '../capture/scan';

export const CONTENT_TYPE_PCAP = 'application/vnd.tcpdump.pcap';
export const CONTENT_TYPE_PCAPNG = 'application/x-pcapng';

/** The output format of a merged export, decided before the first byte is written (§5.8). */
export interface OutputPlan {
  format: 'pcap' | 'pcapng';
  contentType: typeof CONTENT_TYPE_PCAP | typeof CONTENT_TYPE_PCAPNG;
  extension: '.pcap' | '.pcapng';
  /** Link types in order of first appearance (pcapng: one interface each). */
  linkTypes: number[];
  precision: TimestampPrecision;
  snaplen: number;
}

/**
 * Classic pcap when every source shares one link type (ns magic if any source had ns
 * timestamps), else pcapng with one interface per link type. With no packets at all the output
 * is an empty Ethernet pcap.
 */
export function planOutput(sources: readonly Pick<CaptureSummary, 'linkTypes' | 'precision' | 'snaplen'>[]): OutputPlan {
  const linkTypes: number[] = [];
  let precision: TimestampPrecision = 'us';
  let snaplen = 0;
  for (const s of sources) {
    for (const lt of s.linkTypes) if (!linkTypes.includes(lt)) linkTypes.push(lt);
    if (s.precision === 'ns') precision = 'ns';
    snaplen = Math.max(snaplen, s.snaplen);
  }
  if (linkTypes.length === 0) linkTypes.push(1);
  const pcapng = linkTypes.length > 1;
  return {
    format: pcapng ? 'pcapng' : 'pcap',
    contentType: pcapng ? CONTENT_TYPE_PCAPNG : CONTENT_TYPE_PCAP,
    extension: pcapng ? '.pcapng' : '.pcap',
    linkTypes,
    precision,
    snaplen: snaplen || MAX_SNAPLEN,
  };
}
