/**
 * The default file name of a PCAP export: snapshot name, UTC window and filter, e.g.
 * `checkout-outage_20260314T170000Z-20260314T180000Z_host-10.0.53.101.pcap` (hub-api.md §2.6).
 */
import { type TimeWindow } from '../client/model';

/** `20260314T170000Z`. */
export function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function slug(text: string, max: number): string {
  return text.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, max).replace(/[-.]+$/, '');
}

export function exportFileName(snapshotName: string, window: TimeWindow | undefined, filter: string | undefined, pcapng: boolean): string {
  const parts = [slug(snapshotName, 80) || 'snapshot'];
  if (window) parts.push(`${utcStamp(window.start)}-${utcStamp(window.end)}`);
  const filterSlug = filter ? slug(filter, 60) : '';
  if (filterSlug) parts.push(filterSlug);
  return `${parts.join('_')}.${pcapng ? 'pcapng' : 'pcap'}`;
}
