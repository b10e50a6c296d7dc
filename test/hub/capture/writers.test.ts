import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ChunkWriter } from '../../../hub/capture/chunkWriter';
import { openCapture } from '../../../hub/capture/open';
import { type TimestampPrecision } from '../../../hub/capture/packet';
import { PcapngWriter } from '../../../hub/capture/pcapngWriter';
import { PcapWriter } from '../../../hub/capture/pcapWriter';
import { type CaptureReader } from '../../../hub/capture/reader';
import { AtomicFile } from '../../../hub/util/atomicFile';
import { CAPTURES_DIR } from '../../support/paths';
import { pcapFile } from '../support/captureFiles';
import { ethernet, ipv4, sll, text, udp } from '../support/packets';
import { tempDir, tsharkFields } from '../support/tools';

function open(file: string): CaptureReader {
  const r = openCapture(file);
  if ('code' in r) throw new Error(r.message);
  return r;
}

/** Copies every record of `input` into a classic pcap at `output` with our writer. */
function copyAsPcap(input: string, output: string, precision: TimestampPrecision): void {
  const reader = open(input);
  const file = new AtomicFile(output);
  const out = new ChunkWriter((chunk) => file.write(chunk), 4096);
  let writer: PcapWriter | undefined;
  for (let p = reader.next(); p; p = reader.next()) {
    writer ??= new PcapWriter(out, { linkType: p.linkType, snaplen: p.snaplen, precision });
    writer.write(p);
  }
  out.flush();
  file.commit();
  reader.close();
}

describe('capture writers', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  const big = pcapFile({
    linkType: 1, bigEndian: true, ns: true, snaplen: 0,
    packets: [0, 1, 2].map((i) => ({ sec: 1_700_000_000 + i, nsec: 123_456_789 * i, data: ethernet(0x0800, ipv4({ src: '1.2.3.4', dst: '5.6.7.8', protocol: 17 }, udp(i, 53, text('x')))) })),
  });
  const inputs = [
    ...['small.pcap', 'small.pcapng', 'small-sll.pcap', 'small-sll2.pcap', 'pg.pcap'].map((n) => path.join(CAPTURES_DIR, n)),
    tmp.file('big-endian-ns-snaplen0.pcap', big),
  ];
  for (const input of inputs) {
    for (const precision of ['us', 'ns'] as const) {
      it(`pcap copy of ${path.basename(input)} (${precision}) is byte-identical to tcpdump -w`, () => {
        const ours = tmp.file(`ours-${path.basename(input)}-${precision}.pcap`);
        const theirs = tmp.file(`tcpdump-${path.basename(input)}-${precision}.pcap`);
        copyAsPcap(input, ours, precision);
        execFileSync('tcpdump', ['-r', input, '-w', theirs, ...(precision === 'ns' ? ['--time-stamp-precision=nano'] : [])], { stdio: 'ignore' });
        assert.ok(readFileSync(ours).equals(readFileSync(theirs)));
      });
    }
  }

  it('pcapng with one interface per link type, µs and ns, reads back identically (ours and tshark)', () => {
    const packets = [
      { linkType: 1, data: ethernet(0x0800, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17 }, udp(1, 2, text('a')))), sec: 1_700_000_000, nsec: 987_654_321 },
      { linkType: 113, data: sll(0x0800, ipv4({ src: '3.3.3.3', dst: '4.4.4.4', protocol: 17 }, udp(3, 4, text('bb')))), sec: 1_700_000_001, nsec: 5 },
    ];
    for (const precision of ['us', 'ns'] as const) {
      const chunks: Buffer[] = [];
      const out = new ChunkWriter((c) => chunks.push(Buffer.from(c)), 64);
      const writer = new PcapngWriter(out, precision);
      const ids = new Map(packets.map((p) => [p.linkType, writer.addInterface(p.linkType, 65535)]));
      for (const p of packets) writer.write(ids.get(p.linkType)!, { buffer: p.data, offset: 0, caplen: p.data.length, origLen: p.data.length, tsSec: p.sec, tsNsec: p.nsec });
      out.flush();
      const file = tmp.file(`mixed-${precision}.pcapng`, Buffer.concat(chunks));
      const reader = open(file);
      const got: unknown[] = [];
      for (let r = reader.next(); r; r = reader.next()) got.push([r.linkType, r.tsSec, r.tsNsec, Buffer.from(r.bytes()).toString('hex')]);
      assert.equal(reader.error, null);
      const trunc = (ns: number) => (precision === 'ns' ? ns : Math.floor(ns / 1000) * 1000);
      assert.deepEqual(got, packets.map((p) => [p.linkType, p.sec, trunc(p.nsec), Buffer.from(p.data).toString('hex')]));
      assert.deepEqual(tsharkFields(file, ['frame.time_epoch']).map((r) => r[0]), packets.map((p) => `${p.sec}.${String(trunc(p.nsec)).padStart(9, '0')}`));
    }
  });
});
