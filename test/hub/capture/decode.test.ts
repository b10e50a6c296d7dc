import { strict as assert } from 'node:assert';
import path from 'node:path';
import { decodeBytes, decodePacket } from '../../../hub/capture/decode/decode';
import { DecodedPacket, TcpFlag } from '../../../hub/capture/decode/decodedPacket';
import { openCapture } from '../../../hub/capture/open';
import { LinkType } from '../../../hub/capture/packet';
import { CAPTURES_DIR } from '../../support/paths';
import { bsdLoopback, ethernet, icmp, ipv4, ipv6, sll, sll2, tcp, text, udp } from '../support/packets';
import { tsharkFields } from '../support/tools';

const FIELDS = ['ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'udp.srcport', 'udp.dstport', 'tcp.seq_raw', 'tcp.ack_raw',
  'tcp.flags', 'tcp.len', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.timestamp.tsval', 'icmp.type', 'icmpv6.type'];

/** Our decoding of one packet in tshark's field order and notation. */
function ourFields(d: DecodedPacket): string[] {
  const v4 = d.ipVersion === 4;
  const v6 = d.ipVersion === 6;
  const tcpOn = d.isTcp;
  const udpOn = d.isUdp;
  const opts = tcpOn ? d.tcpOptions() : undefined;
  const s = (cond: boolean, v: number | string | undefined): string => (cond && v !== undefined ? String(v) : '');
  return [
    s(v4, d.srcAddress()), s(v4, d.dstAddress()), s(v6, d.srcAddress()), s(v6, d.dstAddress()),
    s(tcpOn, d.srcPort), s(tcpOn, d.dstPort), s(udpOn, d.srcPort), s(udpOn, d.dstPort),
    s(tcpOn, d.tcpSeq), s(tcpOn, d.tcpAck), s(tcpOn, `0x${d.tcpFlags.toString(16).padStart(4, '0')}`), s(tcpOn, d.payloadLength),
    s(tcpOn, opts?.mss), s(tcpOn, opts?.windowScale), s(tcpOn, opts?.timestamp?.value),
    s(d.protocol === 1 && v4, d.icmpType), s(d.protocol === 58 && v6, d.icmpType),
  ];
}

function decodeOne(data: Uint8Array, linkType: number, bigEndianFile = false): DecodedPacket {
  return decodeBytes(data, 0, data.length, data.length, linkType, bigEndianFile, new DecodedPacket());
}

describe('packet decoding', () => {
  for (const name of ['small.pcap', 'small.pcapng', 'small-sll.pcap', 'small-sll2.pcap', 'pg.pcap']) {
    it(`${name}: addresses, ports, TCP header and options, ICMP agree with tshark on every packet`, () => {
      const file = path.join(CAPTURES_DIR, name);
      const theirs = tsharkFields(file, FIELDS);
      const reader = openCapture(file);
      if ('code' in reader) throw new Error(reader.message);
      const d = new DecodedPacket();
      let i = 0;
      for (let p = reader.next(); p; p = reader.next(), i++) {
        const expected = theirs[i]!.map((v) => v.replace(/^0x0*([0-9a-f]{1,4})$/, (_m, h: string) => `0x${h.padStart(4, '0')}`));
        assert.deepEqual(ourFields(decodePacket(p, d)), expected, `${name} packet ${i + 1}`);
      }
      assert.equal(i, theirs.length);
      reader.close();
    });
  }

  const tcpSyn = tcp({ sport: 40000, dport: 80, seq: 7, flags: TcpFlag.Syn, options: [2, 4, 0x05, 0xb4, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 9, 0, 0, 0, 3] });
  const v4 = (payload: Uint8Array, proto = 6) => ipv4({ src: '10.1.2.3', dst: '192.168.0.9', protocol: proto }, payload);

  it('Ethernet with 802.1Q and QinQ (802.1ad) stacks', () => {
    const d = decodeOne(ethernet(0x0800, v4(tcpSyn), [{ tpid: 0x88a8, vid: 100 }, { vid: 200 }]), LinkType.Ethernet);
    assert.deepEqual([d.vlanCount, d.vlanIds[0], d.vlanIds[1], d.netOffset, d.srcAddress(), d.dstPort], [2, 100, 200, 22, '10.1.2.3', 80]);
    assert.deepEqual(d.tcpOptions(), { mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { value: 9, echo: 3 } });
    assert.ok(d.hasFlag(TcpFlag.Syn) && !d.hasFlag(TcpFlag.Ack));
  });

  it('Linux SLL and SLL2', () => {
    for (const [data, lt, off] of [[sll(0x86dd, ipv6('fd00::1', '::1', 17, udp(5353, 53, text('q')))), LinkType.LinuxSll, 16], [sll2(0x86dd, ipv6('fd00::1', '::1', 17, udp(5353, 53, text('q')))), LinkType.LinuxSll2, 20]] as const) {
      const d = decodeOne(data, lt);
      assert.deepEqual([d.ipVersion, d.netOffset, d.srcAddress(), d.dstAddress(), d.srcPort, d.dstPort, d.payloadLength], [6, off, 'fd00::1', '::1', 5353, 53, 1]);
    }
  });

  it('raw IP (DLT 101, LINKTYPE_IPV4, LINKTYPE_IPV6)', () => {
    assert.equal(decodeOne(v4(tcpSyn), LinkType.Raw).dstAddress(), '192.168.0.9');
    assert.equal(decodeOne(v4(tcpSyn), LinkType.Ipv4).srcPort, 40000);
    assert.equal(decodeOne(ipv6('2001:db8::5', 'fe80::1', 6, tcpSyn), LinkType.Ipv6).srcAddress(), '2001:db8::5');
  });

  it('BSD loopback: NULL in either byte order, LOOP in network order, IPv6 family values of each BSD', () => {
    for (const be of [false, true]) assert.equal(decodeOne(bsdLoopback(2, v4(tcpSyn), be), LinkType.Null, be).ipVersion, 4);
    for (const family of [24, 28, 30]) assert.equal(decodeOne(bsdLoopback(family, ipv6('::1', '::1', 17, udp(1, 2)), false), LinkType.Null).ipVersion, 6);
    assert.equal(decodeOne(bsdLoopback(2, v4(tcpSyn), true), LinkType.Loop).ipVersion, 4);
    assert.equal(decodeOne(bsdLoopback(2, v4(tcpSyn), false), LinkType.Loop).ipVersion, 0);
  });

  it('IPv4 options and fragments: the first fragment has ports, later ones are payload only', () => {
    const withOptions = decodeOne(ethernet(0x0800, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, options: [0x94, 4, 0, 0] }, udp(9, 10, text('x')))), LinkType.Ethernet);
    assert.deepEqual([withOptions.ipHeaderLength, withOptions.srcPort, withOptions.dstPort], [24, 9, 10]);
    const first = decodeOne(ethernet(0x0800, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, moreFragments: true, id: 77 }, udp(9, 10, text('abcdefgh')))), LinkType.Ethernet);
    assert.deepEqual([first.isFragment, first.moreFragments, first.fragmentOffset, first.fragmentId, first.dstPort], [true, true, 0, 77, 10]);
    const later = decodeOne(ethernet(0x0800, ipv4({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, fragmentOffset: 16, id: 77 }, text('tail bytes'))), LinkType.Ethernet);
    assert.deepEqual([later.isFragment, later.fragmentOffset, later.transportOffset, later.dstPort, later.payloadLength], [true, 16, -1, -1, 10]);
  });

  it('IPv6 extension headers are walked (hop-by-hop, destination, routing, fragment)', () => {
    const d = decodeOne(ethernet(0x86dd, ipv6('fd00::a', 'fd00::b', 6, tcpSyn, [{ type: 0 }, { type: 60 }, { type: 43 }, { type: 44, moreFragments: true }])), LinkType.Ethernet);
    assert.deepEqual([d.protocol, d.ipHeaderLength, d.isFragment, d.moreFragments, d.srcPort, d.dstPort], [6, 40 + 32, true, true, 40000, 80]);
    const later = decodeOne(ethernet(0x86dd, ipv6('fd00::a', 'fd00::b', 17, text('more'), [{ type: 44, fragmentOffset: 64 }])), LinkType.Ethernet);
    assert.deepEqual([later.isFragment, later.fragmentOffset, later.transportOffset, later.payloadLength], [true, 64, -1, 4]);
  });

  it('ICMP and ICMPv6 type and code', () => {
    const echo = decodeOne(ethernet(0x0800, v4(icmp(8, 0), 1)), LinkType.Ethernet);
    assert.deepEqual([echo.icmpType, echo.icmpCode], [8, 0]);
    const unreachable = decodeOne(ethernet(0x86dd, ipv6('::1', '::2', 58, icmp(1, 4))), LinkType.Ethernet);
    assert.deepEqual([unreachable.protocol, unreachable.icmpType, unreachable.icmpCode], [58, 1, 4]);
  });

  it('Ethernet padding is not payload; cut headers are flagged, never read past the capture', () => {
    const padded = ethernet(0x0800, new Uint8Array([...v4(udp(1, 2, text('hi')), 17), 0, 0, 0, 0, 0, 0]));
    assert.equal(decodeOne(padded, LinkType.Ethernet).payloadLength, 2);
    const full = ethernet(0x0800, v4(tcpSyn));
    for (let cut = 0; cut < full.length; cut++) {
      const d = decodeBytes(full, 0, cut, full.length, LinkType.Ethernet, false, new DecodedPacket());
      assert.equal(d.truncated, cut < 14 + 20 + tcpSyn.length, `cut at ${cut}`);
    }
  });
});
