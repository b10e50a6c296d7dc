/**
 * DNS message parsing (RFC 1035 §4): header, questions and answer records as text. Names follow
 * compression pointers with a bound on jumps and on length, so a pointer loop ends in an error,
 * never in a hang.
 */
import { formatIpv4, formatIpv6 } from '../../../capture/decode/address';

export interface DnsMessage {
  id: number;
  isResponse: boolean;
  opcode: number;
  rcode: number;
  questions: { name: string; type: string }[];
  answers: string[];
}

const TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 35: 'NAPTR',
  41: 'OPT', 43: 'DS', 46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};

export function dnsTypeName(type: number): string {
  return Object.prototype.hasOwnProperty.call(TYPES, type) ? TYPES[type]! : `TYPE${type}`;
}

const MAX_POINTER_JUMPS = 32;
const MAX_NAME_LENGTH = 255;
/** Records read per section (a count field claims up to 65,535). */
const MAX_RECORDS = 256;

export class DnsError extends Error {}

/** Parses one DNS message; throws DnsError on malformed input. */
export function parseDns(b: Uint8Array): DnsMessage {
  if (b.length < 12) throw new DnsError(`message of ${b.length} bytes is shorter than the 12-byte header`);
  const flags = (b[2]! << 8) | b[3]!;
  const qd = (b[4]! << 8) | b[5]!;
  const an = (b[6]! << 8) | b[7]!;
  const msg: DnsMessage = { id: (b[0]! << 8) | b[1]!, isResponse: (flags & 0x8000) !== 0, opcode: (flags >> 11) & 0xf, rcode: flags & 0xf, questions: [], answers: [] };
  let at = 12;
  for (let i = 0; i < Math.min(qd, MAX_RECORDS); i++) {
    const [name, next] = readName(b, at);
    if (next + 4 > b.length) throw new DnsError('question runs past the message');
    msg.questions.push({ name, type: dnsTypeName((b[next]! << 8) | b[next + 1]!) });
    at = next + 4;
  }
  for (let i = 0; i < Math.min(an, MAX_RECORDS); i++) {
    const [, next] = readName(b, at);
    if (next + 10 > b.length) throw new DnsError('answer record runs past the message');
    const type = (b[next]! << 8) | b[next + 1]!;
    const rdLength = (b[next + 8]! << 8) | b[next + 9]!;
    const rdStart = next + 10;
    if (rdStart + rdLength > b.length) throw new DnsError('answer data runs past the message');
    msg.answers.push(rdataText(b, type, rdStart, rdLength));
    at = rdStart + rdLength;
  }
  return msg;
}

/** A possibly compressed name at `at`: [dotted name, offset after it in the original place]. */
export function readName(b: Uint8Array, at: number): [string, number] {
  const labels: string[] = [];
  let length = 0;
  let jumps = 0;
  let after = -1;
  let p = at;
  for (;;) {
    if (p >= b.length) throw new DnsError('name runs past the message');
    const len = b[p]!;
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= b.length) throw new DnsError('compression pointer runs past the message');
      if (++jumps > MAX_POINTER_JUMPS) throw new DnsError('compression pointer loop');
      if (after < 0) after = p + 2;
      p = ((len & 0x3f) << 8) | b[p + 1]!;
      continue;
    }
    if (len & 0xc0) throw new DnsError(`unsupported label type 0x${len.toString(16)}`);
    if (len === 0) return [labels.join('.'), after < 0 ? p + 1 : after];
    if (p + 1 + len > b.length) throw new DnsError('label runs past the message');
    length += len + 1;
    if (length > MAX_NAME_LENGTH) throw new DnsError(`name longer than ${MAX_NAME_LENGTH} bytes`);
    labels.push(labelText(b.subarray(p + 1, p + 1 + len)));
    p += 1 + len;
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A label's bytes as text: UTF-8 when they are valid UTF-8 (readable for names people typed),
 * else one code point per byte (lossless, so an evasive name keeps every byte it had).
 */
function labelText(bytes: Uint8Array): string {
  for (const byte of bytes) {
    if (byte >= 0x80) {
      try {
        return STRICT_UTF8.decode(bytes);
      } catch {
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
      }
    }
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

function rdataText(b: Uint8Array, type: number, at: number, length: number): string {
  switch (type) {
    case 1: return length === 4 ? formatIpv4(b, at) : '';
    case 28: return length === 16 ? formatIpv6(b, at) : '';
    case 2: case 5: case 12: return readName(b, at)[0];
    case 15: return length > 2 ? readName(b, at + 2)[0] : '';
    case 33: return length > 6 ? `${(b[at]! << 8) | b[at + 1]!} ${(b[at + 2]! << 8) | b[at + 3]!} ${(b[at + 4]! << 8) | b[at + 5]!} ${readName(b, at + 6)[0]}` : '';
    case 16: {
      const parts: string[] = [];
      for (let p = at; p < at + length;) {
        const n = b[p]!;
        parts.push(Buffer.from(b.buffer, b.byteOffset + p + 1, Math.min(n, at + length - p - 1)).toString('utf8'));
        p += 1 + n;
      }
      return parts.join(' ');
    }
    case 6: return readName(b, at)[0];
    default: return dnsTypeName(type);
  }
}
