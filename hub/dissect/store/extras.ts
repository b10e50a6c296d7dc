/**
 * The variable-size fields of an entry (header maps, DNS lists, protocol strings, L4 counters),
 * encoded compactly: each value as a type tag plus varint string ids (store/stringTable.ts),
 * so a row costs a few dozen bytes of arena instead of a tree of JS objects. Keys come from the
 * fixed table below; the decoder gives back a plain object with null prototype.
 */
import { type ByteArena } from './byteArena';
import { type StringTable } from './stringTable';

/** Every key an entry's extras may carry, in code order (append only: codes are persisted). */
export const EXTRA_KEYS = [
  'request_fields', 'response_fields',
  'dns_questions', 'dns_answers', 'dns_question_types', 'dns_rcode',
  'grpc_service', 'grpc_method', 'grpc_message', 'grpc_request_messages', 'grpc_response_messages',
  'redis_command', 'redis_reply',
  'tls_sni', 'tls_alpn', 'tls_version', 'tls_cipher',
  'postgresql_query', 'postgresql_database', 'postgresql_user', 'postgresql_error_code', 'postgresql_error_message',
  'tcp_error_type', 'tcp_error_message', 'tcp_payload',
  'conn_state', 'local_pkts', 'local_bytes', 'remote_pkts', 'remote_bytes', 'l7_detected', 'handshake_us', 'conn_count',
  'span_first_file', 'span_first_offset', 'span_last_file', 'span_last_offset',
  'req_body_encoding', 'resp_body_encoding',
  'handshake_p50_us', 'handshake_p90_us', 'handshake_p99_us',
] as const;

export type ExtraKey = (typeof EXTRA_KEYS)[number];
export type ExtraValue = string | number | boolean | readonly string[] | Readonly<Record<string, string>> | Uint8Array;
export type Extras = Partial<Record<ExtraKey, ExtraValue>>;

const CODE = new Map<string, number>(EXTRA_KEYS.map((k, i) => [k, i]));

const enum Tag { Str, List, Map, Num, Bytes, True, False }

/** Largest encoded extras of one entry; values past it are dropped (the arena block is the hard cap). */
const MAX_ENCODED = 256 << 10;

export class ExtrasCodec {
  private scratch = new Uint8Array(4096);
  private at = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);

  constructor(private readonly strings: StringTable) {}

  /** Encodes `extras` into `arena`; returns [offset, length]. */
  encode(extras: Extras, arena: ByteArena): [number, number] {
    this.at = 0;
    for (const key of Object.keys(extras) as ExtraKey[]) {
      const value = extras[key];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      const mark = this.at;
      this.byte(CODE.get(key)!);
      this.value(value);
      if (this.at > MAX_ENCODED) {
        this.at = mark;
        break;
      }
    }
    if (this.at === 0) return [0, 0];
    return [arena.append(this.scratch.subarray(0, this.at)), this.at];
  }

  private value(v: ExtraValue): void {
    if (typeof v === 'string') {
      this.byte(Tag.Str);
      this.varint(this.strings.intern(v));
    } else if (typeof v === 'number') {
      this.byte(Tag.Num);
      this.f64[0] = v;
      this.bytes(this.f64Bytes);
    } else if (typeof v === 'boolean') {
      this.byte(v ? Tag.True : Tag.False);
    } else if (v instanceof Uint8Array) {
      this.byte(Tag.Bytes);
      this.varint(v.length);
      this.bytes(v);
    } else if (Array.isArray(v)) {
      this.byte(Tag.List);
      this.varint(v.length);
      for (const s of v as readonly string[]) this.varint(this.strings.intern(s));
    } else {
      const map = v as Readonly<Record<string, string>>;
      const keys = Object.keys(map);
      this.byte(Tag.Map);
      this.varint(keys.length);
      for (const k of keys) {
        this.varint(this.strings.intern(k));
        this.varint(this.strings.intern(map[k]!));
      }
    }
  }

  private room(n: number): void {
    if (this.at + n <= this.scratch.length) return;
    const bigger = new Uint8Array(Math.max(this.scratch.length * 2, this.at + n));
    bigger.set(this.scratch.subarray(0, this.at));
    this.scratch = bigger;
  }

  private byte(b: number): void {
    this.room(1);
    this.scratch[this.at++] = b;
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length);
    this.scratch.set(b, this.at);
    this.at += b.length;
  }

  private varint(n: number): void {
    this.room(8);
    let v = n;
    while (v >= 0x80) {
      this.scratch[this.at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.scratch[this.at++] = v;
  }
}

/** Decodes the extras at [offset, offset + length) of `arena`. */
export function decodeExtras(arena: ByteArena, offset: number, length: number, strings: StringTable): Extras {
  const out = Object.create(null) as Record<string, ExtraValue>;
  if (length === 0) return out;
  const [b, start] = arena.locate(offset);
  let at = start;
  const end = start + length;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const c = b[at++]!;
      n += (c & 0x7f) * mul;
      if (c < 0x80) return n;
      mul *= 128;
    }
  };
  while (at < end) {
    const key = EXTRA_KEYS[b[at++]!]!;
    const tag = b[at++]! as Tag;
    switch (tag) {
      case Tag.Str: out[key] = strings.get(varint()); break;
      case Tag.Num: out[key] = new DataView(b.buffer, b.byteOffset + at, 8).getFloat64(0, true); at += 8; break;
      case Tag.True: out[key] = true; break;
      case Tag.False: out[key] = false; break;
      case Tag.Bytes: {
        const n = varint();
        out[key] = b.slice(at, at + n);
        at += n;
        break;
      }
      case Tag.List: {
        const n = varint();
        const list: string[] = [];
        for (let i = 0; i < n; i++) list.push(strings.get(varint()));
        out[key] = list;
        break;
      }
      case Tag.Map: {
        const n = varint();
        const map = Object.create(null) as Record<string, string>;
        for (let i = 0; i < n; i++) {
          const k = strings.get(varint());
          map[k] = strings.get(varint());
        }
        out[key] = map;
        break;
      }
    }
  }
  return out as Extras;
}
