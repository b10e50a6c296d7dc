/**
 * Redis over one connection: each command the client sends is paired, in order, with the next
 * reply (pipelining keeps the order; RESP3 push messages are not replies). The call's method is
 * the command verb, its path the first key (≤ 64 bytes), its status 1 for an error reply.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { type CallSink, type Direction, type StreamParser } from '../parser';
import { RespReader, type RespValue } from './respReader';

const MAX_KEY_BYTES = 64;
const MAX_COMMAND_TEXT = 1024;
/** Commands waiting for replies (a client that pipelines more is still bounded). */
const MAX_PENDING = 10_000;

export class RedisParser implements StreamParser {
  private readonly pending: CallDraft[] = [];
  private readonly readers: [RespReader, RespReader];
  private failed = false;

  constructor(private readonly sink: CallSink) {
    this.readers = [
      new RespReader({ value: (v, s, e) => this.command(v, s, e), malformed: (m) => this.fail('malformed', `command: ${m}`) }, true),
      new RespReader({ value: (v, _s, e) => this.reply(v, e), malformed: (m) => this.fail('malformed', `reply: ${m}`) }, false),
    ];
  }

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    if (!this.failed) this.readers[dir].feed(bytes, tsUs);
  }

  onGap(dir: Direction, length: number): void {
    this.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured; Redis parsing stopped`);
  }

  onEnd(): void {
    for (const call of this.pending.splice(0)) {
      call.error ??= { type: 'pair-not-found', msg: 'no reply was captured for this command' };
      this.sink.emit(call);
    }
  }

  private command(v: RespValue, startUs: number, endUs: number): void {
    const call = newCall('redis', this.sink.nextIndex(), startUs);
    call.reqEndUs = endUs;
    call.reqSize = v.wireBytes;
    const verb = (v.parts[0] ?? '').toUpperCase();
    const key = truncateUtf8(v.parts[1] ?? '', MAX_KEY_BYTES);
    call.method = verb;
    call.path = key;
    call.url = key;
    call.redis = { command: v.parts.join(' ').slice(0, MAX_COMMAND_TEXT), verb, key, reply: '', isError: false };
    if (this.pending.length >= MAX_PENDING) return this.fail('limit', `more than ${MAX_PENDING} commands without a reply`);
    this.pending.push(call);
  }

  private reply(v: RespValue, endUs: number): void {
    if (v.type === '>') return; // RESP3 push (pub/sub message), not a reply
    const call = this.pending.shift();
    if (!call) return; // a reply to a command sent before the capture started
    call.hasResponse = true;
    call.respEndUs = endUs;
    call.respSize = v.wireBytes;
    const isError = v.type === '-' || v.type === '!';
    call.status = isError ? 1 : 0;
    call.redis!.isError = isError;
    call.redis!.reply = replyText(v);
    this.sink.emit(call);
  }

  private fail(type: string, message: string): void {
    if (this.failed) return;
    this.failed = true;
    for (const call of this.pending) call.error = { type: 'dissection', msg: message };
    this.sink.fail(type, message);
  }
}

function replyText(v: RespValue): string {
  if (v.count === -1) return '(nil)';
  if (v.type === '*' || v.type === '%' || v.type === '~') return `(${v.count} elements)`;
  return v.parts[0] ?? '';
}

/** At most `max` UTF-8 bytes of `text`, never cutting a character in half. */
function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}
