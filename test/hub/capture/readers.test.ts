import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openCapture, type OpenOptions } from '../../../hub/capture/open';
import { type CaptureError } from '../../../hub/capture/packet';
import { type CaptureReader } from '../../../hub/capture/reader';
import { CAPTURES_DIR } from '../../support/paths';
import { type NgSection, pcapFile, pcapngFile, type SynthPacket } from '../support/captureFiles';
import { ethernet, ipv4, text, udp } from '../support/packets';
import { tempDir, tsharkFields } from '../support/tools';

const SAMPLES = ['small.pcap', 'small.pcapng', 'small-sll.pcap', 'small-sll2.pcap', 'pg.pcap'];

interface Seen {
  sec: number;
  nsec: number;
  caplen: number;
  origLen: number;
  linkType: number;
  data: string;
  fileOffset: number;
}

function open(file: string, options?: OpenOptions): CaptureReader {
  const r = openCapture(file, options);
  if ('code' in r) throw new Error(r.message);
  return r;
}

function readAll(file: string, options?: OpenOptions): { packets: Seen[]; error: CaptureError | null } {
  const r = open(file, options);
  const packets: Seen[] = [];
  for (let p = r.next(); p; p = r.next()) {
    packets.push({ sec: p.tsSec, nsec: p.tsNsec, caplen: p.caplen, origLen: p.origLen, linkType: p.linkType, data: Buffer.from(p.bytes()).toString('hex'), fileOffset: p.fileOffset });
  }
  r.close();
  return { packets, error: r.error };
}

function udpPacket(i: number): Uint8Array {
  return ethernet(0x0800, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17 }, udp(1000 + i, 53, text(`payload ${i}`.repeat(i + 1)))));
}

/** Packets with awkward timestamps: ns digits, a second boundary, zero. */
const PACKETS: SynthPacket[] = [
  { sec: 1_700_000_000, nsec: 123_456_789, data: udpPacket(0) },
  { sec: 1_700_000_000, nsec: 999_999_999, data: udpPacket(1) },
  { sec: 1_700_000_001, nsec: 0, data: udpPacket(2), origLen: 1500 },
  { sec: 0, nsec: 1_000, data: udpPacket(3) },
];

describe('capture readers', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  describe('sample captures against tshark', () => {
    for (const name of SAMPLES) {
      it(`${name}: every timestamp (ns), length and captured length`, () => {
        const file = path.join(CAPTURES_DIR, name);
        const ours = readAll(file);
        assert.equal(ours.error, null);
        const theirs = tsharkFields(file, ['frame.time_epoch', 'frame.len', 'frame.cap_len']);
        assert.equal(ours.packets.length, theirs.length);
        ours.packets.forEach((p, i) => {
          const [epoch, len, cap] = theirs[i]!;
          assert.equal(`${p.sec}.${String(p.nsec).padStart(9, '0')}`, epoch, `packet ${i + 1} timestamp`);
          assert.equal(p.origLen, Number(len), `packet ${i + 1} length`);
          assert.equal(p.caplen, Number(cap), `packet ${i + 1} captured length`);
        });
      });
    }

    it('a 64-byte read buffer yields exactly what the default buffer yields (records straddle chunks)', () => {
      for (const name of ['small.pcapng', 'small-sll.pcap']) {
        const file = path.join(CAPTURES_DIR, name);
        assert.deepEqual(readAll(file, { chunkBytes: 64 }), readAll(file));
      }
    });

    it('keeps the exact byte offset and length of every pcap record', () => {
      const file = path.join(CAPTURES_DIR, 'small.pcap');
      const bytes = readFileSync(file);
      const r = open(file);
      let expected = 24;
      for (let p = r.next(); p; p = r.next()) {
        assert.equal(p.fileOffset, expected);
        assert.equal(bytes.readUInt32LE(p.fileOffset + 8), p.caplen);
        expected += p.fileLength;
      }
      assert.equal(expected, bytes.length);
      r.close();
    });
  });

  describe('pcap encodings', () => {
    for (const bigEndian of [false, true]) {
      for (const ns of [false, true]) {
        it(`${bigEndian ? 'big' : 'little'}-endian, ${ns ? 'ns' : 'µs'} magic`, () => {
          const file = tmp.file(`p-${bigEndian}-${ns}.pcap`, pcapFile({ linkType: 1, packets: PACKETS, bigEndian, ns }));
          const got = readAll(file);
          assert.equal(got.error, null);
          assert.deepEqual(got.packets.map((p) => [p.sec, p.nsec, p.origLen, p.data]), PACKETS.map((p) => [
            p.sec, ns ? p.nsec : Math.floor(p.nsec / 1000) * 1000, p.origLen ?? p.data.length, Buffer.from(p.data).toString('hex'),
          ]));
          const tshark = tsharkFields(file, ['frame.time_epoch']).map((r) => r[0]);
          assert.deepEqual(got.packets.map((p) => `${p.sec}.${String(p.nsec).padStart(9, '0')}`), tshark);
        });
      }
    }
  });

  describe('pcapng encodings', () => {
    const epb = (iface: number, packet: SynthPacket) => ({ kind: 'epb' as const, iface, packet });
    const cases: { name: string; sections: NgSection[]; expect: [number, number][] }[] = [
      {
        name: 'default µs resolution, little-endian',
        sections: [{ interfaces: [{ linkType: 1 }], blocks: PACKETS.map((p) => epb(0, p)) }],
        expect: PACKETS.map((p) => [p.sec, Math.floor(p.nsec / 1000) * 1000]),
      },
      {
        name: 'ns resolution, big-endian',
        sections: [{ bigEndian: true, interfaces: [{ linkType: 1, tsresol: 9 }], blocks: PACKETS.map((p) => epb(0, p)) }],
        expect: PACKETS.map((p) => [p.sec, p.nsec]),
      },
      {
        name: 'ms resolution',
        sections: [{ interfaces: [{ linkType: 1, tsresol: 3 }], blocks: PACKETS.map((p) => epb(0, p)) }],
        expect: PACKETS.map((p) => [p.sec, Math.floor(p.nsec / 1e6) * 1e6]),
      },
      {
        name: 'power-of-two resolution 2^-20',
        sections: [{ interfaces: [{ linkType: 1, tsresol: 0x80 | 20 }], blocks: PACKETS.map((p) => epb(0, p)) }],
        expect: PACKETS.map((p) => {
          const units = (BigInt(p.sec) * 1_000_000_000n + BigInt(p.nsec)) * (1n << 20n) / 1_000_000_000n;
          const sec = units >> 20n;
          return [Number(sec), Number(((units - (sec << 20n)) * 1_000_000_000n) >> 20n)];
        }),
      },
      {
        name: 'if_tsoffset',
        sections: [{ interfaces: [{ linkType: 1, tsoffset: 1_600_000_000 }], blocks: PACKETS.slice(0, 3).map((p) => epb(0, p)) }],
        expect: PACKETS.slice(0, 3).map((p) => [p.sec, Math.floor(p.nsec / 1000) * 1000]),
      },
      {
        name: 'two sections with opposite byte orders, several interfaces, PB, SPB and unknown blocks',
        sections: [
          { interfaces: [{ linkType: 1 }, { linkType: 1, tsresol: 9 }], blocks: [epb(1, PACKETS[0]!), { kind: 'unknown', type: 0x0bad, body: [1, 2, 3] }, { kind: 'pb', iface: 0, packet: PACKETS[1]! }] },
          { bigEndian: true, interfaces: [{ linkType: 1, tsresol: 9 }], blocks: [{ kind: 'spb', packet: { ...PACKETS[2]!, origLen: PACKETS[2]!.data.length } }, epb(0, PACKETS[3]!)] },
        ],
        expect: [[PACKETS[0]!.sec, PACKETS[0]!.nsec], [PACKETS[1]!.sec, 999_999_000], [0, 0], [PACKETS[3]!.sec, PACKETS[3]!.nsec]],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const file = tmp.file(`${c.name.replace(/\W+/g, '-')}.pcapng`, pcapngFile(c.sections));
        const got = readAll(file);
        assert.equal(got.error, null);
        assert.deepEqual(got.packets.map((p) => [p.sec, p.nsec]), c.expect);
        const sent = c.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'unknown' ? [] : [Buffer.from(b.packet.data).toString('hex')])));
        assert.deepEqual(got.packets.map((p) => p.data), sent);
        // tshark lists unknown blocks as frames too; count the Ethernet ones.
        assert.equal(tsharkFields(file, ['eth.type']).filter((r) => r[0] !== '').length, got.packets.length);
      });
    }
  });

  describe('damaged files are errors with file and offset; what precedes the damage stays readable', () => {
    const good = pcapFile({ linkType: 1, packets: PACKETS });
    const recordStarts = [24];
    for (const p of PACKETS) recordStarts.push(recordStarts.at(-1)! + 16 + p.data.length);

    it('cut in the middle of the third record', () => {
      const cut = recordStarts[2]! + 20;
      const file = tmp.file('cut.pcap', good.subarray(0, cut));
      const got = readAll(file);
      assert.equal(got.packets.length, 2);
      assert.equal(got.error?.code, 'truncated');
      assert.equal(got.error?.offset, recordStarts[2]);
      assert.equal(got.error?.file, file);
      assert.match(got.error!.message, new RegExp(`offset ${recordStarts[2]}`));
    });

    it('cut inside a record header', () => {
      const file = tmp.file('cut-header.pcap', good.subarray(0, recordStarts[1]! + 5));
      const got = readAll(file);
      assert.equal(got.packets.length, 1);
      assert.deepEqual([got.error?.code, got.error?.offset], ['truncated', recordStarts[1]]);
    });

    it('an absurd record length', () => {
      const bad = Uint8Array.from(good);
      Buffer.from(bad.buffer).writeUInt32LE(0x7fffffff, recordStarts[1]! + 8);
      const got = readAll(tmp.file('absurd.pcap', bad));
      assert.equal(got.packets.length, 1);
      assert.deepEqual([got.error?.code, got.error?.offset], ['bad-length', recordStarts[1]]);
    });

    it('bad magic', () => {
      const r = openCapture(tmp.file('magic.pcap', Buffer.from('this is not a capture file at all')));
      assert.ok('code' in r);
      assert.deepEqual([r.code, r.offset], ['bad-magic', 0]);
    });

    it('a pcapng block whose trailer disagrees with its length', () => {
      const ng = pcapngFile([{ interfaces: [{ linkType: 1 }], blocks: PACKETS.map((packet) => ({ kind: 'epb' as const, iface: 0, packet })) }]);
      const bad = Buffer.from(ng);
      // Blocks: SHB, IDB, EPB, EPB…: corrupt the trailer of the second EPB.
      let second = 0;
      for (let i = 0; i < 3; i++) second += bad.readUInt32LE(second + 4);
      bad.writeUInt32LE(12345, second + bad.readUInt32LE(second + 4) - 4);
      const got = readAll(tmp.file('trailer.pcapng', bad));
      assert.equal(got.packets.length, 1);
      assert.deepEqual([got.error?.code, got.error?.offset], ['bad-block', second]);
    });

    it('an unreadable path', () => {
      const r = openCapture(tmp.file('missing.pcap'));
      assert.ok('code' in r);
      assert.equal(r.code, 'io');
    });
  });
});
