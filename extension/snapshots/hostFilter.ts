/**
 * A BPF expression from workload IPs (hub-api.md §5.8): `host a or host b`. Only IP literals go
 * in; a name the Hub reported that is not an address is left out rather than pasted into a filter.
 */
import { isIP } from 'node:net';

export function hostFilter(ips: Iterable<string>): { filter: string; skipped: string[] } {
  const seen = new Set<string>();
  const skipped: string[] = [];
  for (const ip of ips) {
    const trimmed = ip.trim();
    if (isIP(trimmed) === 0) skipped.push(ip);
    else seen.add(trimmed);
  }
  return { filter: [...seen].map((ip) => `host ${ip}`).join(' or '), skipped };
}
