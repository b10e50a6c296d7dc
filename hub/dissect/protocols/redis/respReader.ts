/**
 * Streaming reader of RESP2/RESP3 values (https://redis.io/docs/reference/protocol-spec/) in one
 * direction. It walks nested aggregates with a counter stack and skips bulk payloads without
 * holding them; it keeps only what a call shows: the top-level strings (command arguments, a
 * reply's text), each cut to a few hundred bytes. Inline commands (`PING\r\n`) are accepted from
 * clients.
 */

const MAX_LINE = 64 << 10;
const MAX_DEPTH = 64;
const MAX_KEPT_ARGS = 32;
const MAX_KEPT_BYTES = 256;

export interface RespValue {
  /** Type byte of the top-level value (`*`, `$`, `+`, `-`, …; `i` for an inline command). */
  type: string;
  /** Top-level strings: the arguments of a command array, or the reply text. */
  parts: string[];
  /** Element count of a top-level aggregate (-1 for null). */
  count: number;
  wireBytes: number;
}

export interface RespEvents {
  value(v: RespValue, startUs: number, endUs: number): void;
  malformed(message: string): void;
}

const enum State { Type, Line, Bulk, BulkEnd, Failed }

export class RespReader {
  private state = State.Type;
  private type = 0;
  private line = '';
  private bulkLeft = 0;
  private bulkKeep: string | null = null;
  private bulkCrlf = 0;
  /** Elements still expected per open aggregate. */
  private readonly stack: number[] = [];
  private current: RespValue | null = null;
  private startUs = 0;

  constructor(private readonly events: RespEvents, private readonly acceptInline: boolean) {}

  get failed(): boolean {
    return this.state === State.Failed;
  }

  /** Bytes of a value left unfinished (for the end-of-connection check). */
  get inValue(): boolean {
    return this.current !== null;
  }

  feed(bytes: Uint8Array, tsUs: number): void {
    let at = 0;
    const n = bytes.length;
    while (at < n && this.state !== State.Failed) {
      if (this.current === null) {
        this.current = { type: '', parts: [], count: 0, wireBytes: 0 };
        this.startUs = tsUs;
      }
      const before = at;
      switch (this.state) {
        case State.Type:
          this.type = bytes[at++]!;
          this.line = '';
          this.state = State.Line;
          if (!isTypeByte(this.type)) {
            if (!(this.acceptInline && this.stack.length === 0 && this.type >= 0x20 && this.type < 0x7f)) {
              this.fail(`unknown RESP type byte 0x${this.type.toString(16)}`);
              break;
            }
            this.line = String.fromCharCode(this.type);
            this.type = 0x69; // 'i': inline command
          }
          break;
        case State.Line: {
          const nl = bytes.indexOf(0x0a, at);
          const stop = nl < 0 ? n : nl;
          if (this.line.length + stop - at > MAX_LINE) {
            this.fail(`RESP line longer than ${MAX_LINE} bytes`);
            break;
          }
          this.line += Buffer.from(bytes.buffer, bytes.byteOffset + at, stop - at).toString('latin1');
          at = nl < 0 ? n : nl + 1;
          if (nl >= 0) this.lineDone(tsUs);
          break;
        }
        case State.Bulk: {
          const take = Math.min(this.bulkLeft, n - at);
          if (this.bulkKeep !== null && this.bulkKeep.length < MAX_KEPT_BYTES) {
            this.bulkKeep += Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(take, MAX_KEPT_BYTES - this.bulkKeep.length)).toString('utf8');
          }
          this.bulkLeft -= take;
          at += take;
          if (this.bulkLeft === 0) {
            this.state = State.BulkEnd;
            this.bulkCrlf = 0;
          }
          break;
        }
        case State.BulkEnd: {
          const c = bytes[at++]!;
          if (c !== (this.bulkCrlf === 0 ? 0x0d : 0x0a)) {
            this.fail('bulk string is not followed by CRLF');
            break;
          }
          if (++this.bulkCrlf === 2) {
            this.state = State.Type;
            if (this.bulkKeep !== null) this.keep(this.bulkKeep);
            this.bulkKeep = null;
            this.element(tsUs);
          }
          break;
        }
        default:
      }
      if (this.current) this.current.wireBytes += at - before;
    }
  }

  private lineDone(tsUs: number): void {
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    const type = String.fromCharCode(this.type);
    const top = this.stack.length === 0;
    if (top) this.current!.type = type;
    this.state = State.Type;
    switch (type) {
      case '$': case '=': case '!': {
        const length = parseLength(line);
        if (length === null) return this.fail(`bad bulk length ${JSON.stringify(line.slice(0, 20))}`);
        if (length < 0) {
          if (top) this.current!.count = -1;
          return this.element(tsUs);
        }
        this.bulkLeft = length;
        this.bulkKeep = top || this.stack.length === 1 ? '' : null;
        this.state = length === 0 ? State.BulkEnd : State.Bulk;
        this.bulkCrlf = 0;
        return;
      }
      case '*': case '~': case '>': case '%': case '|': {
        const count = parseLength(line);
        if (count === null) return this.fail(`bad aggregate length ${JSON.stringify(line.slice(0, 20))}`);
        const elements = type === '%' || type === '|' ? count * 2 : count;
        if (top) this.current!.count = count;
        if (elements <= 0) return this.element(tsUs);
        if (this.stack.length >= MAX_DEPTH) return this.fail(`RESP nesting deeper than ${MAX_DEPTH}`);
        // An attribute (`|`) annotates the value after it, which then still has to come.
        this.stack.push(type === '|' ? elements + 1 : elements);
        return;
      }
      case 'i':
        this.current!.parts = line.trim().split(/\s+/).slice(0, MAX_KEPT_ARGS).map((s) => s.slice(0, MAX_KEPT_BYTES));
        return this.element(tsUs);
      default:
        if (top || this.stack.length === 1) this.keep(line.slice(0, MAX_KEPT_BYTES));
        return this.element(tsUs);
    }
  }

  private keep(text: string): void {
    const parts = this.current!.parts;
    if (parts.length < MAX_KEPT_ARGS) parts.push(text);
  }

  /** One element finished: close aggregates whose last element it was; a finished top value is emitted. */
  private element(tsUs: number): void {
    while (this.stack.length > 0) {
      const left = this.stack[this.stack.length - 1]! - 1;
      if (left > 0) {
        this.stack[this.stack.length - 1] = left;
        return;
      }
      this.stack.pop();
    }
    const value = this.current!;
    this.current = null;
    this.events.value(value, this.startUs, tsUs);
  }

  private fail(message: string): void {
    this.state = State.Failed;
    this.events.malformed(message);
  }
}

function isTypeByte(c: number): boolean {
  // + - : $ * _ # , ( ! = % ~ > |
  return c === 0x2b || c === 0x2d || c === 0x3a || c === 0x24 || c === 0x2a || c === 0x5f || c === 0x23 || c === 0x2c ||
    c === 0x28 || c === 0x21 || c === 0x3d || c === 0x25 || c === 0x7e || c === 0x3e || c === 0x7c;
}

function parseLength(line: string): number | null {
  if (!/^-?\d{1,10}$/.test(line)) return null;
  const n = Number(line);
  return n < -1 || n > 512 * 1024 * 1024 ? null : n;
}
