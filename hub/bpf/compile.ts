import { LinkType, linkTypeName } from '../capture/packet';
import { type BpfError, type BpfNode, type Direction, type RelOp } from './ast';

/** Decides one packet: its bytes `b[s … s + caplen)` and its length on the wire. */
export type Matcher = (b: Uint8Array, s: number, caplen: number, wirelen: number) => boolean;

/**
 * 1 = match, 0 = no match, -1 = a load past the captured bytes, which (as in BPF) rejects the
 * packet outright whatever the rest of the expression says.
 */
type Eval = (b: Uint8Array, s: number, c: number, w: number) => number;
/** A test known at compile time (e.g. `ip6` on a LINKTYPE_IPV4 file) folds to a constant. */
type Test = Eval | boolean;

const ABORT = -1;
const ETHERTYPE_IP = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_RARP = 0x8035;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TPIDS = [0x8100, 0x88a8, 0x9100];
const PROTO_SCTP = 132;
const PROTO_TCP = 6;
const PROTO_UDP = 17;
const IPV6_FRAGMENT = 44;
/** Address families of BSD loopback headers. */
const AF_INET = [2];
const AF_INET6 = [24, 28, 30];

const NAMED_PROTOCOLS: Readonly<Record<string, number>> = { tcp: PROTO_TCP, udp: PROTO_UDP, sctp: PROTO_SCTP };

class CompileError {
  constructor(readonly error: BpfError) {}
}

function ld8(b: Uint8Array, s: number, c: number, o: number): number {
  return o + 1 > c ? ABORT : b[s + o]!;
}

function ld16(b: Uint8Array, s: number, c: number, o: number): number {
  return o + 2 > c ? ABORT : (b[s + o]! << 8) | b[s + o + 1]!;
}

function ld32(b: Uint8Array, s: number, c: number, o: number): number {
  return o + 4 > c ? ABORT : ((b[s + o]! << 24) | (b[s + o + 1]! << 16) | (b[s + o + 2]! << 8) | b[s + o + 3]!) >>> 0;
}

function byteSwap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function and(x: Test, y: Test): Test {
  if (x === false || y === false) return false;
  if (x === true) return y;
  if (y === true) return x;
  return (b, s, c, w) => {
    const r = x(b, s, c, w);
    return r === 1 ? y(b, s, c, w) : r;
  };
}

function or(x: Test, y: Test): Test {
  if (x === true || y === true) return true;
  if (x === false) return y;
  if (y === false) return x;
  return (b, s, c, w) => {
    const r = x(b, s, c, w);
    return r === 0 ? y(b, s, c, w) : r;
  };
}

function not(x: Test): Test {
  if (typeof x === 'boolean') return !x;
  return (b, s, c, w) => {
    const r = x(b, s, c, w);
    return r === ABORT ? r : 1 - r;
  };
}

/** `values` contains `v`; a single value (the common case) is compared directly. */
function member(values: readonly number[]): (v: number) => boolean {
  if (values.length === 1) {
    const only = values[0]!;
    return (v) => v === only;
  }
  return (v) => values.includes(v);
}

function byteIn(o: number, values: readonly number[]): Eval {
  const has = member(values);
  return (b, s, c) => {
    const v = ld8(b, s, c, o);
    return v === ABORT ? v : has(v) ? 1 : 0;
  };
}

function halfIn(o: number, values: readonly number[], mask = 0xffff): Eval {
  const has = member(values);
  return (b, s, c) => {
    const v = ld16(b, s, c, o);
    return v === ABORT ? v : has(v & mask) ? 1 : 0;
  };
}

function wordIn(o: number, values: readonly number[]): Eval {
  const has = member(values);
  return (b, s, c) => {
    const v = ld32(b, s, c, o);
    return v === ABORT ? v : has(v) ? 1 : 0;
  };
}

/** Compares `address` under `mask` with the bytes at `o`, a 32-bit word at a time. */
function addressAt(o: number, address: Uint8Array, mask: Uint8Array): Eval {
  const words: [number, number, number][] = [];
  for (let i = 0; i < address.length; i += 4) {
    const m = ((mask[i]! << 24) | (mask[i + 1]! << 16) | (mask[i + 2]! << 8) | mask[i + 3]!) >>> 0;
    const a = ((address[i]! << 24) | (address[i + 1]! << 16) | (address[i + 2]! << 8) | address[i + 3]!) >>> 0;
    if (m !== 0) words.push([o + i, m, (a & m) >>> 0]);
  }
  return (b, s, c) => {
    for (const [at, m, a] of words) {
      const v = ld32(b, s, c, at);
      if (v === ABORT) return v;
      if (((v & m) >>> 0) !== a) return 0;
    }
    return 1;
  };
}

function byDirection(dir: Direction, src: Test, dst: Test): Test {
  switch (dir) {
    case 'src': return src;
    case 'dst': return dst;
    case 'src or dst': return or(src, dst);
    case 'src and dst': return and(src, dst);
  }
}

function relation(op: RelOp, value: number): Eval {
  switch (op) {
    case '<': return (_b, _s, _c, w) => (w < value ? 1 : 0);
    case '<=': return (_b, _s, _c, w) => (w <= value ? 1 : 0);
    case '>': return (_b, _s, _c, w) => (w > value ? 1 : 0);
    case '>=': return (_b, _s, _c, w) => (w >= value ? 1 : 0);
    case '==': return (_b, _s, _c, w) => (w === value ? 1 : 0);
    case '!=': return (_b, _s, _c, w) => (w !== value ? 1 : 0);
  }
}

/**
 * Compiles a parsed filter for one link type, with libpcap's semantics as `tcpdump -d` shows them:
 * - `host`/`net` with an IPv4 address also match ARP and RARP sender/target addresses;
 * - `tcp`/`udp` match IPv6 packets whose next header is the protocol, or a fragment header
 *   followed by it; `port` looks only at the next header (no extension headers) and, for IPv4,
 *   only at first fragments (the port offset comes from the IHL);
 * - each `vlan` moves the link-layer type and payload of every LATER primitive 4 bytes on;
 * - a load past the captured bytes rejects the packet.
 * Primitives are compiled in the order of the text, which is what makes `vlan` positional.
 */
export function compileForLinkType(root: BpfNode, linkType: number, bigEndianFile: boolean): Matcher | BpfError {
  try {
    const test = new Compiler(linkType, bigEndianFile).node(root);
    if (typeof test === 'boolean') return () => test;
    return (b, s, c, w) => test(b, s, c, w) === 1;
  } catch (e) {
    if (e instanceof CompileError) return e.error;
    throw e;
  }
}

class Compiler {
  private vlans = 0;

  constructor(private readonly linkType: number, private readonly bigEndianFile: boolean) {}

  node(n: BpfNode): Test {
    switch (n.kind) {
      case 'and': {
        const left = this.node(n.left);
        return and(left, this.node(n.right));
      }
      case 'or': {
        const left = this.node(n.left);
        return or(left, this.node(n.right));
      }
      case 'not':
        return not(this.node(n.operand));
      case 'len':
        return relation(n.op, n.value);
      case 'vlan':
        return this.vlan(n);
      case 'proto':
        return this.proto(n.proto, n);
      case 'host':
      case 'net':
        return this.address(n);
      case 'port':
        return this.port(n);
    }
  }

  /** Offset of the link-layer payload (the IP header). */
  private payload(at: BpfNode): number {
    switch (this.linkType) {
      case LinkType.Ethernet: return 14 + 4 * this.vlans;
      case LinkType.LinuxSll: return 16;
      case LinkType.LinuxSll2: return 20;
      case LinkType.Raw: case LinkType.Ipv4: case LinkType.Ipv6: return 0;
      case LinkType.Null: case LinkType.Loop: return 4;
      default: return this.unsupported(at);
    }
  }

  /** The link layer says "this is `etherType`". */
  private linkProto(etherType: number, at: BpfNode): Test {
    switch (this.linkType) {
      case LinkType.Ethernet: return halfIn(12 + 4 * this.vlans, [etherType]);
      case LinkType.LinuxSll: return halfIn(14, [etherType]);
      case LinkType.LinuxSll2: return halfIn(0, [etherType]);
      case LinkType.Raw:
        if (etherType !== ETHERTYPE_IP && etherType !== ETHERTYPE_IPV6) return false;
        return (b, s, c) => {
          const v = ld8(b, s, c, 0);
          return v === ABORT ? v : (v & 0xf0) === (etherType === ETHERTYPE_IP ? 0x40 : 0x60) ? 1 : 0;
        };
      case LinkType.Ipv4: return etherType === ETHERTYPE_IP;
      case LinkType.Ipv6: return etherType === ETHERTYPE_IPV6;
      case LinkType.Null:
      case LinkType.Loop: {
        const families = etherType === ETHERTYPE_IP ? AF_INET : etherType === ETHERTYPE_IPV6 ? AF_INET6 : [];
        if (families.length === 0) return false;
        // NULL stores the family in the byte order of the file's writer; LOOP in network order.
        const swap = this.linkType === LinkType.Null && !this.bigEndianFile;
        return wordIn(0, families.map((f) => (swap ? byteSwap32(f) : f)));
      }
      default: return this.unsupported(at);
    }
  }

  private proto(proto: string, at: BpfNode): Test {
    switch (proto) {
      case 'ip': return this.linkProto(ETHERTYPE_IP, at);
      case 'ip6': return this.linkProto(ETHERTYPE_IPV6, at);
      case 'arp': return this.linkProto(ETHERTYPE_ARP, at);
      case 'rarp': return this.linkProto(ETHERTYPE_RARP, at);
      case 'icmp': return this.ipProto(1, at);
      case 'icmp6': return this.ip6Proto(58, at);
      default: {
        const p = NAMED_PROTOCOLS[proto]!;
        return or(this.ipProto(p, at), this.ip6Proto(p, at));
      }
    }
  }

  private ipProto(p: number, at: BpfNode): Test {
    return and(this.linkProto(ETHERTYPE_IP, at), byteIn(this.payload(at) + 9, [p]));
  }

  private ip6Proto(p: number, at: BpfNode): Test {
    const l = this.payload(at);
    return and(this.linkProto(ETHERTYPE_IPV6, at), or(byteIn(l + 6, [p]), and(byteIn(l + 6, [IPV6_FRAGMENT]), byteIn(l + 40, [p]))));
  }

  private address(n: Extract<BpfNode, { kind: 'host' | 'net' }>): Test {
    const l = this.payload(n);
    const mask = n.kind === 'net' ? n.mask : new Uint8Array(n.address.length).fill(0xff);
    const at = (o: number): Eval => addressAt(o, n.address, mask);
    if (n.address.length === 16) return and(this.linkProto(ETHERTYPE_IPV6, n), byDirection(n.dir, at(l + 8), at(l + 24)));
    let test: Test = false;
    if (n.proto === null || n.proto === 'ip') test = or(test, and(this.linkProto(ETHERTYPE_IP, n), byDirection(n.dir, at(l + 12), at(l + 16))));
    if (n.proto === null || n.proto === 'arp') test = or(test, and(this.linkProto(ETHERTYPE_ARP, n), byDirection(n.dir, at(l + 14), at(l + 24))));
    if (n.proto === null || n.proto === 'rarp') test = or(test, and(this.linkProto(ETHERTYPE_RARP, n), byDirection(n.dir, at(l + 14), at(l + 24))));
    return test;
  }

  private port(n: Extract<BpfNode, { kind: 'port' }>): Test {
    const l = this.payload(n);
    const protos = n.proto === null ? [PROTO_SCTP, PROTO_TCP, PROTO_UDP] : [NAMED_PROTOCOLS[n.proto]!];
    const { lo, hi } = n;
    const inRange = (b: Uint8Array, s: number, c: number, o: number): number => {
      const v = ld16(b, s, c, o);
      return v === ABORT ? v : v >= lo && v <= hi ? 1 : 0;
    };
    const portAt = (o: number): Eval => (b, s, c) => inRange(b, s, c, o);
    // IPv4: ports sit after the header (IHL) and only first fragments carry them.
    const portAfterIhl = (delta: number): Eval => (b, s, c) => {
      const ihl = ld8(b, s, c, l);
      return ihl === ABORT ? ihl : inRange(b, s, c, l + (ihl & 0x0f) * 4 + delta);
    };
    const v6 = and(this.linkProto(ETHERTYPE_IPV6, n), and(byteIn(l + 6, protos), byDirection(n.dir, portAt(l + 40), portAt(l + 42))));
    const firstFragment: Eval = (b, s, c) => {
      const v = ld16(b, s, c, l + 6);
      return v === ABORT ? v : (v & 0x1fff) === 0 ? 1 : 0;
    };
    const v4 = and(this.linkProto(ETHERTYPE_IP, n), and(byteIn(l + 9, protos), and(firstFragment, byDirection(n.dir, portAfterIhl(0), portAfterIhl(2)))));
    return or(v6, v4);
  }

  private vlan(n: Extract<BpfNode, { kind: 'vlan' }>): Test {
    if (this.linkType !== LinkType.Ethernet) throw new CompileError({ message: `no VLAN support for ${linkTypeName(this.linkType)}`, offset: n.offset, length: n.length });
    const o = 12 + 4 * this.vlans;
    const test = and(halfIn(o, VLAN_TPIDS), n.id === null ? true : halfIn(o + 2, [n.id], 0x0fff));
    this.vlans++;
    return test;
  }

  private unsupported(at: BpfNode): never {
    throw new CompileError({ message: `filtering by protocol is not supported on link type ${linkTypeName(this.linkType)}`, offset: at.offset, length: at.length });
  }
}
