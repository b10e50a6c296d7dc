// The pcap of one call's connection (get_api_call_details `include_pcap`): exactly that
// connection's packets, in order and byte for byte, and at most PCAP_CAP_BYTES of packet data,
// with `truncated` saying when the cap cut it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCapture } from '../../../hub/capture/open';
import { type ConnSpan, connectionPcap, PCAP_CAP_BYTES } from '../../../hub/dissect/query/connPcap';
import { type Endpoint, TrafficCapture } from '../../support/trafficCapture';

const CLIENT = { ip: '10.0.0.1', port: 40000 };
const OTHER_CLIENT = { ip: '10.0.0.3', port: 40001 };
const SERVER = { ip: '10.0.0.2', port: 8080 };

/** Every packet of a capture file as its own copy of the captured bytes. */
function packetsOf(file: string): Buffer[] {
  const reader = openCapture(file);
  if ('code' in reader) throw new Error(reader.message);
  const packets: Buffer[] = [];
  try {
    for (let p = reader.next(); p; p = reader.next()) packets.push(Buffer.from(p.buffer.subarray(p.offset, p.offset + p.caplen)));
  } finally {
    reader.close();
  }
  return packets;
}

/** A capture of one exchange per client, `bodyBytes` in each response, connections one after the other. */
function capture(file: string, clients: readonly Endpoint[], bodyBytes: number): void {
  const traffic = new TrafficCapture();
  for (const client of clients) {
    traffic.http(client, SERVER, [{
      request: 'GET /big HTTP/1.1\r\nHost: big\r\n\r\n',
      response: `HTTP/1.1 200 OK\r\nContent-Length: ${bodyBytes}\r\n\r\n${'x'.repeat(bodyBytes)}`,
    }]);
  }
  traffic.write(file);
}

const spanOf = (file: string, client: Endpoint): ConnSpan => ({
  files: [file], firstFile: 0, firstOffset: 0, lastFile: 0, lastOffset: Number.MAX_SAFE_INTEGER, udp: false, a: client, b: SERVER,
});

describe('connection pcap (include_pcap)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'conn-pcap-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function extract(file: string, client: Endpoint): { packets: Buffer[]; truncated: boolean } {
    const result = connectionPcap(spanOf(file, client));
    assert.ok(result, 'the connection has packets');
    const out = path.join(dir, `out-${path.basename(file)}`);
    writeFileSync(out, result.pcap);
    const packets = packetsOf(out);
    assert.equal(packets.length, result.packets);
    return { packets, truncated: result.truncated };
  }

  it('holds exactly the packets of the connection, not its neighbour\'s', () => {
    const file = path.join(dir, 'two.pcap');
    capture(file, [OTHER_CLIENT, CLIENT, OTHER_CLIENT], 5000);
    const all = packetsOf(file);
    const perConnection = all.length / 3;
    const { packets, truncated } = extract(file, CLIENT);
    assert.equal(truncated, false);
    assert.deepEqual(packets, all.slice(perConnection, 2 * perConnection));
  });

  it('stops at 12 MiB of packet data, says so, and keeps what came before whole', () => {
    const file = path.join(dir, 'big.pcap');
    capture(file, [CLIENT], PCAP_CAP_BYTES + (1 << 20));
    const all = packetsOf(file);
    const { packets, truncated } = extract(file, CLIENT);
    assert.equal(truncated, true);
    assert.deepEqual(packets, all.slice(0, packets.length), 'a prefix of the connection, byte for byte');
    const bytes = packets.reduce((sum, p) => sum + p.length, 0);
    assert.ok(bytes <= PCAP_CAP_BYTES, `${bytes} bytes`);
    assert.ok(bytes + all[packets.length]!.length > PCAP_CAP_BYTES, 'the next packet would have passed the cap');
  });
});
