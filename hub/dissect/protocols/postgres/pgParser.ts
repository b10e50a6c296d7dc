/**
 * PostgreSQL frontend/backend protocol 3.0 over one connection (https://www.postgresql.org/docs/current/protocol.html).
 *
 * One call per query execution: a simple Query (`Q`, completed by ReadyForQuery), or an Execute
 * (`E`) of the extended protocol, whose SQL comes from the Parse of the statement bound to its
 * portal, completed by CommandComplete, EmptyQueryResponse, PortalSuspended or ErrorResponse.
 * User and database come from the StartupMessage. A failed startup is a call of its own
 * (method `STARTUP`). An SSLRequest answered `S` means TLS follows: the rest is not dissected.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { type CallSink, type Direction, type StreamParser } from '../parser';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Largest message accepted whole; larger ones (COPY data, big rows) are skipped, not held. */
const MAX_HELD_MESSAGE = 1 << 20;
const MAX_QUERY_TEXT = 4096;
const MAX_STATEMENTS = 10_000;

interface Side {
  header: Uint8Array;
  headerHave: number;
  type: number;
  body: Uint8Array | null;
  bodyHave: number;
  skip: number;
  startUs: number;
}

export class PostgresParser implements StreamParser {
  private readonly sides: [Side, Side] = [newSide(), newSide()];
  /** Client: the next message is a startup-phase message without a type byte. */
  private untyped: boolean;
  /** Server: the next byte answers an SSLRequest / GSSENCRequest. */
  private expectSslAnswer = false;
  private user = '';
  private database = '';
  private readonly statements = new Map<string, string>();
  private readonly portals = new Map<string, string>();
  /** Queries and executes waiting for their completion, in order. */
  private readonly queue: CallDraft[] = [];
  private startup: CallDraft | null = null;
  private stopped = false;

  /** `midStream`: the startup was not captured, so every client message is typed. */
  constructor(private readonly sink: CallSink, midStream = false) {
    this.untyped = !midStream;
  }

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    if (this.stopped) return;
    const side = this.sides[dir];
    let at = 0;
    while (at < bytes.length && !this.stopped) {
      if (dir === 1 && this.expectSslAnswer) {
        this.expectSslAnswer = false;
        const answer = bytes[at++]!;
        if (answer === 0x53 || answer === 0x47) {
          this.sink.detected('TLS');
          this.stopped = true;
        }
        continue;
      }
      if (side.skip > 0) {
        const take = Math.min(side.skip, bytes.length - at);
        side.skip -= take;
        at += take;
        if (side.skip === 0) this.message(dir, side.type, new Uint8Array(0), side.startUs, tsUs);
        continue;
      }
      if (side.body === null) {
        const headerSize = dir === 0 && this.untyped ? 4 : 5;
        if (side.headerHave === 0) side.startUs = tsUs;
        side.header[side.headerHave++] = bytes[at++]!;
        if (side.headerHave < headerSize) continue;
        side.headerHave = 0;
        const h = side.header;
        side.type = headerSize === 4 ? 0 : h[0]!;
        const o = headerSize - 4;
        const length = ((h[o]! << 24) | (h[o + 1]! << 16) | (h[o + 2]! << 8) | h[o + 3]!) >>> 0;
        if (length < 4 || (headerSize === 4 && length > 10_000)) return this.fail('malformed', `bad message length ${length} (type ${printable(side.type)})`);
        const bodyLength = length - 4;
        if (bodyLength > MAX_HELD_MESSAGE) {
          side.skip = bodyLength;
          continue;
        }
        side.body = new Uint8Array(bodyLength);
        side.bodyHave = 0;
        if (bodyLength === 0) this.complete(dir, side, tsUs);
        continue;
      }
      const take = Math.min(side.body.length - side.bodyHave, bytes.length - at);
      side.body.set(bytes.subarray(at, at + take), side.bodyHave);
      side.bodyHave += take;
      at += take;
      if (side.bodyHave === side.body.length) this.complete(dir, side, tsUs);
    }
  }

  onGap(dir: Direction, length: number): void {
    this.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured; PostgreSQL parsing stopped`);
  }

  onEnd(): void {
    for (const call of this.queue.splice(0)) {
      call.error ??= { type: 'pair-not-found', msg: 'no completion was captured for this query' };
      this.sink.emit(call);
    }
  }

  private complete(dir: Direction, side: Side, tsUs: number): void {
    const body = side.body!;
    side.body = null;
    this.message(dir, side.type, body, side.startUs, tsUs);
  }

  private message(dir: Direction, type: number, body: Uint8Array, startUs: number, tsUs: number): void {
    if (dir === 0) this.clientMessage(type, body, startUs, tsUs);
    else this.serverMessage(type, body, tsUs);
  }

  private clientMessage(type: number, body: Uint8Array, startUs: number, tsUs: number): void {
    const r = new Reader(body);
    if (type === 0) {
      const code = r.int32();
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.expectSslAnswer = true;
      else if (code === CANCEL_REQUEST) this.stopped = true;
      else if (code === PROTOCOL_3) {
        this.untyped = false;
        for (let key = r.cstring(); key !== ''; key = r.cstring()) {
          const value = r.cstring();
          if (key === 'user') this.user = value;
          else if (key === 'database') this.database = value;
        }
        if (!this.database) this.database = this.user;
        this.startup = this.newCall('STARTUP', `${this.user}@${this.database}`, startUs, tsUs, body.length + 4);
      } else this.fail('malformed', `unknown startup code ${code}`);
      return;
    }
    const size = body.length + 5;
    switch (type) {
      case 0x51: { // Q
        const query = r.cstring();
        const call = this.newCall(commandOf(query), query, startUs, tsUs, size);
        this.simple.add(call);
        this.enqueue(call);
        return;
      }
      case 0x50: { // P
        const name = r.cstring();
        const query = r.cstring();
        if (this.statements.size < MAX_STATEMENTS || this.statements.has(name)) this.statements.set(name, query);
        return;
      }
      case 0x42: { // B
        const portal = r.cstring();
        const statement = r.cstring();
        if (this.portals.size < MAX_STATEMENTS || this.portals.has(portal)) this.portals.set(portal, this.statements.get(statement) ?? '');
        return;
      }
      case 0x45: { // E
        const query = this.portals.get(r.cstring()) ?? '';
        this.enqueue(this.newCall(commandOf(query) || 'EXECUTE', query, startUs, tsUs, size));
        return;
      }
      case 0x58: // X: terminate
        return;
      default:
    }
  }

  private serverMessage(type: number, body: Uint8Array, tsUs: number): void {
    switch (type) {
      case 0x45: { // E: ErrorResponse
        const fields = errorFields(body);
        const call = this.startup ?? this.queue[0];
        if (!call) return;
        call.status = 1;
        call.postgresql!.errorCode = fields.code;
        call.postgresql!.errorMessage = fields.message;
        if (call === this.startup) {
          this.respond(call, tsUs);
          this.sink.emit(call);
          this.startup = null;
        } else if (!this.isSimple(call)) this.completeHead(tsUs);
        // A simple query's error is followed by ReadyForQuery, which completes it.
        return;
      }
      case 0x43: // C: CommandComplete
      case 0x49: // I: EmptyQueryResponse
      case 0x73: { // s: PortalSuspended
        const head = this.queue[0];
        if (head && !this.isSimple(head)) this.completeHead(tsUs);
        else if (head) head.respSize += body.length + 5;
        return;
      }
      case 0x5a: { // Z: ReadyForQuery
        if (this.startup) this.startup = null; // a successful startup is not a call
        const head = this.queue[0];
        if (head && this.isSimple(head)) this.completeHead(tsUs);
        // Executes skipped after an error until Sync get no completion of their own.
        while (this.queue.length > 0 && !this.isSimple(this.queue[0]!)) {
          const skipped = this.queue.shift()!;
          skipped.error = { type: 'dissection', msg: 'not executed: an earlier message of the same Sync failed' };
          this.sink.emit(skipped);
        }
        return;
      }
      default: {
        const head = this.queue[0];
        if (head) head.respSize += body.length + 5;
      }
    }
  }

  /** Simple queries are completed by ReadyForQuery; extended executes by their own completion. */
  private isSimple(call: CallDraft): boolean {
    return this.simple.has(call);
  }

  private readonly simple = new WeakSet<CallDraft>();

  private newCall(command: string, query: string, startUs: number, tsUs: number, size: number): CallDraft {
    const call = newCall('postgresql', this.sink.nextIndex(), startUs);
    call.reqEndUs = tsUs;
    call.reqSize = size;
    call.method = command;
    call.path = query.slice(0, 256);
    call.url = call.path;
    call.postgresql = { command, query: query.slice(0, MAX_QUERY_TEXT), database: this.database, user: this.user, errorCode: '', errorMessage: '' };
    return call;
  }

  private enqueue(call: CallDraft): void {
    if (this.queue.length >= MAX_STATEMENTS) return this.fail('limit', `more than ${MAX_STATEMENTS} queries without a completion`);
    this.queue.push(call);
  }

  private completeHead(tsUs: number): void {
    const call = this.queue.shift();
    if (!call) return;
    this.respond(call, tsUs);
    this.sink.emit(call);
  }

  private respond(call: CallDraft, tsUs: number): void {
    call.hasResponse = true;
    call.respEndUs = tsUs;
  }

  private fail(type: string, message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const call of this.queue) call.error = { type: 'dissection', msg: message };
    this.sink.fail(type, message);
  }
}

/** The SQL verb of a query (`SELECT`, `INSERT`, …), skipping comments and parentheses. */
export function commandOf(query: string): string {
  const m = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()*([A-Za-z]+)/.exec(query);
  return m ? m[1]!.toUpperCase() : '';
}

function errorFields(body: Uint8Array): { code: string; message: string } {
  const r = new Reader(body);
  let code = '';
  let message = '';
  while (r.left > 0) {
    const field = r.byte();
    if (field === 0) break;
    const value = r.cstring();
    if (field === 0x43) code = value;
    else if (field === 0x4d) message = value;
  }
  return { code, message };
}

class Reader {
  private at = 0;
  constructor(private readonly b: Uint8Array) {}
  get left(): number { return this.b.length - this.at; }
  byte(): number { return this.at < this.b.length ? this.b[this.at++]! : 0; }
  int32(): number {
    if (this.at + 4 > this.b.length) return -1;
    const v = ((this.b[this.at]! << 24) | (this.b[this.at + 1]! << 16) | (this.b[this.at + 2]! << 8) | this.b[this.at + 3]!) >>> 0;
    this.at += 4;
    return v;
  }
  cstring(): string {
    const end = this.b.indexOf(0, this.at);
    const stop = end < 0 ? this.b.length : end;
    const s = Buffer.from(this.b.buffer, this.b.byteOffset + this.at, stop - this.at).toString('utf8');
    this.at = stop + 1;
    return s;
  }
}

function printable(type: number): string {
  return type >= 0x20 && type < 0x7f ? `'${String.fromCharCode(type)}'` : `0x${type.toString(16)}`;
}

function newSide(): Side {
  return { header: new Uint8Array(5), headerHave: 0, type: 0, body: null, bodyHave: 0, skip: 0, startUs: 0 };
}
