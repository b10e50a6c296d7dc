/**
 * A writer of TCP and UDP conversations for dissection tests: keeps sequence numbers and times
 * so a test states only what is sent (and may break the rules on purpose: reorder, overlap,
 * drop, cut). Produces Ethernet/IPv4 packets for test/hub/support/captureFiles.ts.
 */
import { type SynthPacket } from '../../support/captureFiles';
import { ethernet, ipv4, tcp, udp } from '../../support/packets';

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;
const RST = 0x04;

export class Capture {
  readonly packets: SynthPacket[] = [];
  /** Microseconds since the epoch of the next packet. */
  private t = 1_700_000_000_000_000;

  /** Advances the clock (µs). */
  wait(us: number): this {
    this.t += us;
    return this;
  }

  push(frame: Uint8Array): void {
    this.packets.push({ sec: Math.floor(this.t / 1e6), nsec: (this.t % 1e6) * 1000, data: frame });
    this.t += 10;
  }

  tcp(client: string, cport: number, server: string, sport: number): TcpConversation {
    return new TcpConversation(this, client, cport, server, sport);
  }

  udp(src: string, sport: number, dst: string, dport: number, payload: Uint8Array): this {
    this.push(ethernet(0x0800, ipv4({ src, dst, protocol: 17 }, udp(sport, dport, payload))));
    return this;
  }
}

export class TcpConversation {
  /** Next sequence number of [client, server]. */
  readonly seq: [number, number] = [1000, 5000];

  constructor(private readonly cap: Capture, readonly client: string, readonly cport: number, readonly server: string, readonly sport: number) {}

  private frame(fromClient: boolean, flags: number, seq: number, payload: Uint8Array): void {
    const [src, dst, sp, dp] = fromClient ? [this.client, this.server, this.cport, this.sport] : [this.server, this.client, this.sport, this.cport];
    const ack = this.seq[fromClient ? 1 : 0];
    this.cap.push(ethernet(0x0800, ipv4({ src, dst, protocol: 6 }, tcp({ sport: sp, dport: dp, seq, ack, flags }, payload))));
  }

  handshake(): this {
    this.frame(true, SYN, this.seq[0] - 1, new Uint8Array(0));
    this.frame(false, SYN | ACK, this.seq[1] - 1, new Uint8Array(0));
    this.frame(true, ACK, this.seq[0], new Uint8Array(0));
    return this;
  }

  /** Sends `data` from one side in segments of at most `mss` bytes. */
  send(fromClient: boolean, data: Uint8Array | string, mss = 1448): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const side = fromClient ? 0 : 1;
    for (let at = 0; at < bytes.length; at += mss) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + mss));
      this.frame(fromClient, ACK | PSH, this.seq[side], piece);
      this.seq[side] = (this.seq[side] + piece.length) >>> 0;
    }
    return this;
  }

  /** A segment at an explicit offset from the side's current sequence number (reorder, overlap, retransmit). */
  segmentAt(fromClient: boolean, offset: number, data: string): this {
    this.frame(fromClient, ACK | PSH, (this.seq[fromClient ? 0 : 1] + offset) >>> 0, Buffer.from(data, 'latin1'));
    return this;
  }

  /** Moves a side's sequence number on without sending (bytes the capture "missed", or sent via segmentAt). */
  skip(fromClient: boolean, length: number): this {
    const side = fromClient ? 0 : 1;
    this.seq[side] = (this.seq[side] + length) >>> 0;
    return this;
  }

  close(): this {
    this.frame(true, FIN | ACK, this.seq[0], new Uint8Array(0));
    this.seq[0]++;
    this.frame(false, FIN | ACK, this.seq[1], new Uint8Array(0));
    this.seq[1]++;
    this.frame(true, ACK, this.seq[0], new Uint8Array(0));
    return this;
  }

  reset(fromClient: boolean): this {
    this.frame(fromClient, RST | ACK, this.seq[fromClient ? 0 : 1], new Uint8Array(0));
    return this;
  }
}

/** An HTTP/1.1 exchange as text: a GET and its response with a JSON body. */
export function httpGet(path: string): { request: string; response: string } {
  const body = JSON.stringify({ path });
  return {
    request: `GET ${path} HTTP/1.1\r\nHost: test\r\nUser-Agent: test/1\r\n\r\n`,
    response: `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  };
}
