/**
 * Internal or external: an address is internal when it lies in a private (RFC 1918), shared
 * (CGNAT, RFC 6598), link-local, loopback, unique-local, multicast or unspecified range, in a
 * cluster CIDR the person configured, or when a workload held it (workloads.json / list_workloads).
 * Everything else is an external destination. Parsing never throws: text that is not an address
 * is "invalid" and never counts as external.
 */

export type AddressClass =
  | 'loopback' | 'private' | 'shared' | 'link-local' | 'unique-local' | 'multicast' | 'unspecified'
  | 'cluster' | 'workload' | 'external' | 'invalid';

interface Cidr {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Longer text is no address; bounds the work on hostile input. */
const MAX_ADDRESS_LENGTH = 64;

function parseIpv4(text: string): Uint8Array | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? Uint8Array.from(bytes) : undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      // An embedded IPv4 address may end the text (::ffff:10.0.0.1).
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/** 4 bytes for IPv4, 16 for IPv6 (IPv4-mapped IPv6 becomes its IPv4 address); undefined otherwise. */
export function parseIp(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ADDRESS_LENGTH) return undefined;
  if (!trimmed.includes(':')) return parseIpv4(trimmed);
  const bare = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  // A zone (`fe80::1%eth0`) names the interface, not the address.
  const zone = bare.indexOf('%');
  const v6 = parseIpv6(zone > 0 && /^[\w.-]+$/.test(bare.slice(zone + 1)) ? bare.slice(0, zone) : bare);
  if (v6 && v6.subarray(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) return v6.slice(12);
  return v6;
}

export function isIpAddress(text: string): boolean {
  return parseIp(text) !== undefined;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const bytes = parseIp(address);
  if (!bytes) return undefined;
  const prefix = prefixText === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= bytes.length * 8 ? { bytes, prefix } : undefined;
}

function contains(cidr: Cidr, ip: Uint8Array): boolean {
  if (cidr.bytes.length !== ip.length) return false;
  const full = cidr.prefix >> 3;
  for (let i = 0; i < full; i++) if (cidr.bytes[i] !== ip[i]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (cidr.bytes[full]! & mask) === (ip[full]! & mask);
}

const RANGES: readonly [string, AddressClass][] = [
  ['127.0.0.0/8', 'loopback'], ['::1/128', 'loopback'],
  ['10.0.0.0/8', 'private'], ['172.16.0.0/12', 'private'], ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['169.254.0.0/16', 'link-local'], ['fe80::/10', 'link-local'],
  ['fc00::/7', 'unique-local'],
  ['224.0.0.0/4', 'multicast'], ['255.255.255.255/32', 'multicast'], ['ff00::/8', 'multicast'],
  ['0.0.0.0/8', 'unspecified'], ['::/128', 'unspecified'],
];
const BUILT_IN = RANGES.map(([cidr, kind]) => ({ cidr: parseCidr(cidr)!, kind }));

/** Classifies addresses against the built-in ranges, the cluster's CIDRs and the workloads' IPs. */
export class AddressClassifier {
  private readonly _cluster: Cidr[];
  private readonly _workloads: Set<string>;
  /** CIDR texts of the settings that are not CIDRs (shown to the person, not silently dropped). */
  readonly invalidCidrs: readonly string[];

  constructor(clusterCidrs: readonly string[] = [], workloadIps: Iterable<string> = []) {
    const invalid: string[] = [];
    this._cluster = [];
    for (const text of clusterCidrs) {
      const cidr = parseCidr(text);
      if (cidr) this._cluster.push(cidr);
      else invalid.push(text);
    }
    this.invalidCidrs = invalid;
    this._workloads = new Set<string>();
    for (const ip of workloadIps) {
      const bytes = parseIp(ip);
      if (bytes) this._workloads.add(bytes.join('.'));
    }
  }

  classOf(ip: string): AddressClass {
    const bytes = parseIp(ip);
    if (!bytes) return 'invalid';
    for (const { cidr, kind } of BUILT_IN) if (contains(cidr, bytes)) return kind;
    if (this._cluster.some((c) => contains(c, bytes))) return 'cluster';
    if (this._workloads.has(bytes.join('.'))) return 'workload';
    return 'external';
  }

  isExternal(ip: string): boolean {
    return this.classOf(ip) === 'external';
  }
}
