import { parseIpv4, parseIpv6 } from '../capture/decode/address';
import { type BpfError, type BpfNode, type Direction, type ProtoName, type RelOp } from './ast';
import { scan, type Token, TokenKind } from './scanner';

/** Longest expression accepted, and deepest nesting of parentheses and negations. */
export const MAX_EXPRESSION_LENGTH = 65536;
const MAX_DEPTH = 256;

const PROTOS: ReadonlySet<string> = new Set<ProtoName>(['ip', 'ip6', 'arp', 'rarp', 'tcp', 'udp', 'sctp', 'icmp', 'icmp6']);
const TYPES = new Set(['host', 'net', 'port', 'portrange']);
const KEYWORDS = new Set([...PROTOS, ...TYPES, 'src', 'dst', 'and', 'or', 'not', 'vlan', 'len', 'less', 'greater', 'mask']);

type Type = 'host' | 'net' | 'port' | 'portrange';

/** Qualifiers of a primitive; a bare id reuses the ones of the primitive before it (`host a or b`). */
interface Qualifiers {
  proto: ProtoName | null;
  dir: Direction;
  type: Type;
}

class Failure {
  constructor(readonly error: BpfError) {}
}

/**
 * pcap-filter grammar (the subset of hub-api.md §5.8), with libpcap's precedence: `not` binds
 * tightest; `and` and `or` have EQUAL precedence and associate left to right
 * (`a or b and c` is `(a or b) and c`).
 */
export function parseBpf(input: string): BpfNode | BpfError {
  if (input.length > MAX_EXPRESSION_LENGTH) return { message: `expression longer than ${MAX_EXPRESSION_LENGTH} characters`, offset: MAX_EXPRESSION_LENGTH, length: 0 };
  const tokens = scan(input);
  if (!Array.isArray(tokens)) return tokens;
  try {
    return new Parser(tokens, input).parseAll();
  } catch (e) {
    if (e instanceof Failure) return e.error;
    throw e;
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Qualifiers a bare id inherits; null after a primitive without an id (`tcp`, `len > 5`). */
  private last: Qualifiers | null = null;

  constructor(private readonly tokens: Token[], private readonly input: string) {}

  parseAll(): BpfNode {
    if (this.peek().kind === TokenKind.End) this.fail(this.peek(), 'empty filter expression');
    const node = this.expr();
    const t = this.peek();
    if (t.kind !== TokenKind.End) this.fail(t, t.kind === TokenKind.RParen ? "unbalanced ')'" : `unexpected '${t.text}'`);
    return node;
  }

  // expr := term (("and" | "&&" | "or" | "||") term)*        left-associative, one precedence level
  private expr(): BpfNode {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      const op = t.kind === TokenKind.And || this.isWord(t, 'and') ? 'and' : t.kind === TokenKind.Or || this.isWord(t, 'or') ? 'or' : null;
      if (!op) return left;
      this.i++;
      const right = this.term();
      left = { kind: op, left, right, offset: left.offset, length: right.offset + right.length - left.offset };
    }
  }

  // term := ("not" | "!") term | "(" expr ")" | "len" relop number | ("less" | "greater") number
  //       | "vlan" [number] | [proto] [dir] [type] id ["/" number | "mask" addr] | proto | id
  private term(): BpfNode {
    const t = this.peek();
    if (++this.depth > MAX_DEPTH) this.fail(t, `expression nested deeper than ${MAX_DEPTH} levels`);
    try {
      if (t.kind === TokenKind.Not || this.isWord(t, 'not')) {
        this.i++;
        const operand = this.term();
        return { kind: 'not', operand, offset: t.offset, length: operand.offset + operand.length - t.offset };
      }
      if (t.kind === TokenKind.LParen) {
        this.i++;
        const inner = this.expr();
        const close = this.peek();
        if (close.kind !== TokenKind.RParen) this.fail(close, close.kind === TokenKind.End ? "missing ')'" : `expected ')' but found '${close.text}'`);
        this.i++;
        return inner;
      }
      if (t.kind !== TokenKind.Word) this.fail(t, t.kind === TokenKind.End ? 'expression ends where a primitive is expected' : `unexpected '${t.text}'`);
      switch (t.text) {
        case 'len':
          return this.length(t);
        case 'less':
        case 'greater': {
          this.i++;
          const value = this.number(this.next(), 0xffffffff, 'a length');
          this.last = null;
          return { kind: 'len', op: t.text === 'less' ? '<=' : '>=', value, offset: t.offset, length: this.endOfPrevious() - t.offset };
        }
        case 'vlan':
          return this.vlan(t);
        default:
          return this.primitive(t);
      }
    } finally {
      this.depth--;
    }
  }

  private length(t: Token): BpfNode {
    this.i++;
    const rel = this.next();
    if (rel.kind !== TokenKind.Rel) this.fail(rel, "expected a comparison (<, <=, >, >=, =, ==, !=) after 'len'");
    const op: RelOp = rel.text === '=' ? '==' : (rel.text as RelOp);
    const value = this.number(this.next(), 0xffffffff, 'a length');
    this.last = null;
    return { kind: 'len', op, value, offset: t.offset, length: this.endOfPrevious() - t.offset };
  }

  private vlan(t: Token): BpfNode {
    this.i++;
    const n = this.peek();
    let id: number | null = null;
    if (n.kind === TokenKind.Word && /^(0x[0-9a-f]+|\d+)$/i.test(n.text)) {
      this.i++;
      id = this.number(n, 4095, 'a VLAN id (0–4095)');
    }
    this.last = null;
    return { kind: 'vlan', id, offset: t.offset, length: this.endOfPrevious() - t.offset };
  }

  private primitive(start: Token): BpfNode {
    let proto: ProtoName | null = null;
    let dir: Direction | null = null;
    let type: Type | null = null;
    if (PROTOS.has(this.peek().text)) proto = this.next().text as ProtoName;
    if (this.isWord(this.peek(), 'src') || this.isWord(this.peek(), 'dst')) dir = this.direction();
    if (TYPES.has(this.peek().text)) type = this.next().text as Type;
    const id = this.peek();
    const qualified = proto !== null || dir !== null || type !== null;
    if (proto !== null && dir === null && type === null && !this.isId(id)) {
      this.last = null;
      return { kind: 'proto', proto, offset: start.offset, length: start.text.length };
    }
    if (!this.isId(id)) {
      this.fail(id, id.kind === TokenKind.End ? `expression ends after '${this.tokens[this.i - 1]!.text}'` : `unexpected '${id.text}'`);
    }
    // Like libpcap, a bare id is only accepted where it can take the qualifiers of the
    // host/net/port primitive before it (`host a or b`, `port 80 or 443`).
    if (!qualified && !this.last) this.fail(id, `'${id.text}' needs a qualifier such as host, net or port`);
    const q: Qualifiers = qualified ? { proto, dir: dir ?? 'src or dst', type: type ?? 'host' } : this.last!;
    this.last = q;
    this.i++;
    return this.withId(q, id, start);
  }

  private direction(): Direction {
    const first = this.next().text as 'src' | 'dst';
    const conj = this.peek();
    const after = this.tokens[this.i + 1];
    const other = first === 'src' ? 'dst' : 'src';
    if ((this.isWord(conj, 'or') || this.isWord(conj, 'and')) && after && this.isWord(after, other)) {
      this.i += 2;
      return conj.text === 'or' ? 'src or dst' : 'src and dst';
    }
    return first;
  }

  private withId(q: Qualifiers, id: Token, start: Token): BpfNode {
    const at = (): { offset: number; length: number } => ({ offset: start.offset, length: this.endOfPrevious() - start.offset });
    switch (q.type) {
      case 'host': {
        if (q.proto !== null && !['ip', 'ip6', 'arp', 'rarp'].includes(q.proto)) this.fail(start, `'${q.proto}' modifier applied to host`);
        const address = id.text.includes(':') ? parseIpv6(id.text) : hostNumber(id.text);
        if (!address) this.fail(id, /^[a-z]/i.test(id.text) ? `unknown host '${id.text}' (host names are not resolved; use an address)` : `invalid address '${id.text}'`);
        if (address.length === 16 && q.proto !== null && q.proto !== 'ip6') this.fail(start, `'${q.proto}' modifier applied to ip6 host`);
        if (address.length === 4 && q.proto === 'ip6') this.fail(start, "'ip6' modifier applied to ip host");
        return { kind: 'host', proto: q.proto, dir: q.dir, address, ...at() };
      }
      case 'net':
        return this.net(q, id, start);
      case 'port':
      case 'portrange': {
        if (q.proto !== null && !['tcp', 'udp', 'sctp'].includes(q.proto)) this.fail(start, `illegal qualifier of '${q.type}'`);
        let lo: number;
        let hi: number;
        if (q.type === 'port') {
          lo = hi = this.port(id, id.text, id.offset);
        } else {
          // libpcap accepts a single port as a range of one.
          const dash = id.text.indexOf('-');
          lo = this.port(id, dash < 0 ? id.text : id.text.slice(0, dash), id.offset);
          hi = dash < 0 ? lo : this.port(id, id.text.slice(dash + 1), id.offset + dash + 1);
          if (lo > hi) [lo, hi] = [hi, lo];
        }
        return { kind: 'port', proto: q.proto, dir: q.dir, lo, hi, ...at() };
      }
    }
  }

  private net(q: Qualifiers, id: Token, start: Token): BpfNode {
    if (q.proto !== null && !['ip', 'ip6', 'arp', 'rarp'].includes(q.proto)) this.fail(start, `'${q.proto}' modifier applied to net`);
    const v6 = id.text.includes(':');
    let address: Uint8Array | null;
    let mask: Uint8Array;
    let bits: number;
    if (v6) {
      address = parseIpv6(id.text);
      bits = 128;
    } else {
      const parts = id.text.split('.');
      address = parts.length <= 4 ? hostNumber(id.text) : null;
      // A partial address (`net 10`, `net 192.168`) is left-aligned with a mask of its parts.
      bits = parts.length * 8;
      if (address) address = leftAlign(address, parts.length);
    }
    if (!address) this.fail(id, `invalid network '${id.text}'`);
    if (v6 && q.proto !== null && q.proto !== 'ip6') this.fail(start, `'${q.proto}' modifier applied to ip6 net`);
    if (!v6 && q.proto === 'ip6') this.fail(start, "'ip6' modifier applied to ip net");
    const size = address.length * 8;
    if (this.peek().kind === TokenKind.Slash) {
      this.i++;
      const n = this.next();
      bits = this.number(n, size, `a prefix length (0–${size})`);
      mask = prefixMask(bits, address.length);
    } else if (this.isWord(this.peek(), 'mask')) {
      this.i++;
      const m = this.next();
      const parsed = v6 ? null : parseIpv4(m.text);
      if (!parsed) this.fail(m, v6 ? "'mask' cannot be used with an IPv6 network; use /length" : `invalid mask '${m.text}'`);
      mask = parsed;
    } else {
      mask = prefixMask(bits, address.length);
    }
    if (address.some((byte, i) => (byte & ~mask[i]!) !== 0)) {
      this.fail(id, `non-network bits set in "${this.input.slice(id.offset, this.endOfPrevious())}"`, this.endOfPrevious() - id.offset);
    }
    return { kind: 'net', proto: q.proto, dir: q.dir, address, mask, offset: start.offset, length: this.endOfPrevious() - start.offset };
  }

  private port(t: Token, text: string, offset: number): number {
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) {
      this.fail({ ...t, offset, text }, /^[a-z]/i.test(text) ? `unknown port name '${text}' (use a number)` : `invalid port '${text}'`);
    }
    const n = Number(text);
    if (n > 65535) this.fail({ ...t, offset, text }, `port ${text} out of range (0–65535)`);
    return n;
  }

  private number(t: Token, max: number, what: string): number {
    if (t.kind !== TokenKind.Word || !/^(0x[0-9a-f]+|\d+)$/i.test(t.text)) this.fail(t, `expected ${what}, found '${t.text || 'end of expression'}'`);
    const n = Number(t.text);
    if (n > max) this.fail(t, `${t.text} is out of range: expected ${what}`);
    return n;
  }

  private isId(t: Token): boolean {
    return t.kind === TokenKind.Word && !KEYWORDS.has(t.text);
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === TokenKind.Word && t.text === word;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== TokenKind.End) this.i++;
    return t;
  }

  private endOfPrevious(): number {
    const t = this.tokens[this.i - 1]!;
    return t.offset + t.text.length;
  }

  private fail(t: Token, message: string, length = Math.max(t.text.length, 1)): never {
    throw new Failure({ message, offset: t.offset, length });
  }
}

/**
 * libpcap's reading of a dotted IPv4 id: each part shifts the value left by 8, so `10` is the
 * number 10 (host 0.0.0.10) and `10.1` is 0.0.10.1. Returned as 4 big-endian bytes.
 */
function hostNumber(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  let value = 0;
  for (const p of parts) value = value * 256 + Number(p);
  return Uint8Array.from([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function leftAlign(address: Uint8Array, parts: number): Uint8Array {
  const out = new Uint8Array(4);
  out.set(address.subarray(4 - parts), 0);
  return out;
}

function prefixMask(bits: number, bytes: number): Uint8Array {
  const mask = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    const take = Math.max(0, Math.min(8, bits - 8 * i));
    mask[i] = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
  }
  return mask;
}
