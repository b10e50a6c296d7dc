/**
 * DNS over UDP (one message per datagram) and over TCP (2-byte length prefix, RFC 1035 §4.2.2):
 * queries and responses of one session paired by transaction id. A response without its query
 * (or a query without a response at the end) still becomes a call.
 */
import { type CallDraft, newCall } from '../../calls/call';
import { type CallSink, type Direction, type StreamParser } from '../parser';
import { DnsError, type DnsMessage, parseDns } from './dnsMessage';

/** Queries waiting for a response per session (a flood of unanswered ids stays bounded). */
const MAX_PENDING = 4096;

export class DnsParser implements StreamParser {
  private readonly pending = new Map<number, CallDraft>();
  /** TCP framing per direction: the length prefix, then the message being assembled. */
  private readonly prefix = [0, 0];
  private readonly prefixHave = [0, 0];
  private readonly need = [0, 0];
  private readonly message_: [Uint8Array | null, Uint8Array | null] = [null, null];
  private readonly have = [0, 0];
  private readonly startUs = [0, 0];
  private failed = false;

  constructor(private readonly sink: CallSink, private readonly overTcp: boolean) {}

  onData(dir: Direction, bytes: Uint8Array, tsUs: number): void {
    if (this.failed) return;
    if (!this.overTcp) return this.message(dir, bytes, tsUs, tsUs);
    let at = 0;
    while (at < bytes.length && !this.failed) {
      if (this.need[dir] === 0) {
        // Reading the 2-byte length prefix (it may be split across segments).
        if (this.prefixHave[dir] === 0) this.startUs[dir] = tsUs;
        this.prefix[dir] = (this.prefix[dir]! << 8) | bytes[at++]!;
        if (++this.prefixHave[dir]! < 2) continue;
        this.need[dir] = this.prefix[dir]!;
        this.prefix[dir] = 0;
        this.prefixHave[dir] = 0;
        this.message_[dir] = this.need[dir] ? new Uint8Array(this.need[dir]!) : null;
        this.have[dir] = 0;
        continue;
      }
      const buf = this.message_[dir]!;
      const take = Math.min(buf.length - this.have[dir]!, bytes.length - at);
      buf.set(bytes.subarray(at, at + take), this.have[dir]);
      this.have[dir]! += take;
      at += take;
      if (this.have[dir] === buf.length) {
        this.need[dir] = 0;
        this.message_[dir] = null;
        this.message(dir, buf, this.startUs[dir]!, tsUs);
      }
    }
  }

  onGap(dir: Direction, length: number): void {
    this.fail('gap', `${length} bytes ${dir === 0 ? 'from the client' : 'from the server'} were not captured; DNS over TCP parsing stopped`);
  }

  onEnd(): void {
    if (this.overTcp && (this.message_[0] || this.message_[1] || this.prefixHave[0] || this.prefixHave[1]) && !this.failed) this.fail('malformed', 'the connection ended inside a DNS message');
    for (const call of this.pending.values()) {
      call.error ??= { type: 'pair-not-found', msg: 'no response was captured for this query' };
      this.sink.emit(call);
    }
    this.pending.clear();
  }

  private message(dir: Direction, bytes: Uint8Array, startUs: number, endUs: number): void {
    let msg: DnsMessage;
    try {
      msg = parseDns(bytes);
    } catch (e) {
      if (!(e instanceof DnsError)) throw e;
      return this.fail('malformed', `DNS ${dir === 0 ? 'query' : 'response'}: ${e.message}`);
    }
    if (!msg.isResponse) {
      const call = newCall('dns', this.sink.nextIndex(), startUs);
      call.reqEndUs = endUs;
      call.reqSize = bytes.length;
      describe(call, msg);
      call.dns!.hasQuery = true;
      call.dns!.queryLength = bytes.length;
      if (this.pending.has(msg.id)) return; // a retransmitted query: the first one is kept
      if (this.pending.size >= MAX_PENDING) {
        const [oldestId, oldest] = this.pending.entries().next().value as [number, CallDraft];
        this.pending.delete(oldestId);
        oldest.error = { type: 'pair-not-found', msg: 'no response was captured for this query' };
        this.sink.emit(oldest);
      }
      this.pending.set(msg.id, call);
      return;
    }
    let call = this.pending.get(msg.id);
    if (call) this.pending.delete(msg.id);
    else {
      call = newCall('dns', this.sink.nextIndex(), startUs);
      call.hasRequest = false;
      call.error = { type: 'pair-not-found', msg: 'the query of this response was not captured' };
      call.reqStartUs = call.reqEndUs = endUs;
      describe(call, msg);
    }
    call.hasResponse = true;
    call.respEndUs = endUs;
    call.respSize = bytes.length;
    call.status = msg.rcode;
    const dns = call.dns!;
    dns.hasResponse = true;
    dns.rcode = msg.rcode;
    dns.answers = msg.answers;
    dns.responseLength = bytes.length;
    this.sink.emit(call);
  }

  private fail(type: string, message: string): void {
    if (this.failed) return;
    // UDP datagrams are independent: one bad message does not stop the session.
    if (this.overTcp) this.failed = true;
    this.sink.fail(type, message);
  }
}

function describe(call: CallDraft, msg: DnsMessage): void {
  const first = msg.questions[0];
  call.method = first?.type ?? '';
  call.path = first?.name ?? '';
  call.url = call.path;
  call.dns = {
    questions: msg.questions.map((q) => q.name), questionTypes: msg.questions.map((q) => q.type), answers: [], rcode: 0,
    hasQuery: false, hasResponse: false, queryLength: 0, responseLength: 0,
  };
}
