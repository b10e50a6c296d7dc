/**
 * Capture files full of the cases where filters and decoders go wrong: VLAN and QinQ stacks,
 * IPv4 options and fragments, IPv6 extension and fragment headers, ARP, ICMP/ICMPv6, SCTP,
 * packets cut short by the snaplen, on every link type the Hub reads.
 */
import { type SynthPacket, pcapFile } from './captureFiles';
import { bsdLoopback, concat, ethernet, icmp, ipv4, ipv4Bytes, ipv6, sll, sll2, tcp, text, udp, type VlanTag } from './packets';

type L3 = { etherType: number; bytes: Uint8Array; cut?: number };

function arp(sender: string, target: string): Uint8Array {
  return Uint8Array.from([0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, ...ipv4Bytes(sender), 0, 0, 0, 0, 0, 0, ...ipv4Bytes(target)]);
}

/** Network-layer packets, each tagged with its EtherType. */
export function networkPackets(withArp: boolean): L3[] {
  const v4 = (src: string, dst: string, protocol: number, payload: Uint8Array, extra: Partial<Parameters<typeof ipv4>[0]> = {}): L3 =>
    ({ etherType: 0x0800, bytes: ipv4({ src, dst, protocol, ...extra }, payload) });
  const v6 = (src: string, dst: string, protocol: number, payload: Uint8Array, ext: Parameters<typeof ipv6>[4] = []): L3 =>
    ({ etherType: 0x86dd, bytes: ipv6(src, dst, protocol, payload, ext) });
  const body = text('GET / HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(3));
  const list: L3[] = [
    v4('10.0.0.1', '10.0.0.2', 6, tcp({ sport: 40000, dport: 80, flags: 0x02 })),
    v4('10.0.0.2', '10.0.0.1', 6, tcp({ sport: 80, dport: 40000, flags: 0x12 }, body)),
    v4('10.0.0.1', '10.0.0.53', 17, udp(50001, 53, text('query'))),
    v4('192.168.1.10', '10.0.0.2', 1, icmp(8, 0)),
    v4('10.0.0.1', '10.0.0.2', 6, tcp({ sport: 40001, dport: 8080 }, body), { options: [0x94, 4, 0, 0] }),
    v4('10.0.0.1', '10.0.0.2', 17, udp(50002, 53, text('first fragment')), { moreFragments: true, id: 9 }),
    v4('10.0.0.1', '10.0.0.2', 17, concat(Uint8Array.from([0, 53, 0, 53]), text('later fragment')), { fragmentOffset: 24, id: 9 }),
    v4('10.0.0.1', '10.0.0.2', 132, concat(Uint8Array.from([0x9c, 0x40, 0, 80]), new Uint8Array(8))),
    v4('192.168.1.10', '192.168.7.7', 6, tcp({ sport: 8001, dport: 55000 })),
    v6('fd00::1', 'fd00::2', 6, tcp({ sport: 40002, dport: 443, flags: 0x02 })),
    v6('fd00::2', 'fd00::1', 6, tcp({ sport: 80, dport: 40003 }, body), [{ type: 0 }]),
    v6('fd00::1', 'fd00:1::53', 17, udp(50003, 53, text('q6')), [{ type: 44, moreFragments: true }]),
    v6('fd00::1', 'fd00::2', 6, tcp({ sport: 40004, dport: 80 }), [{ type: 44 }]),
    v6('::1', '::1', 58, icmp(128, 0)),
    v6('2001:db8::1', 'fd00::2', 17, udp(8000, 8100, text('range')), [{ type: 60 }, { type: 43 }]),
    { ...v4('10.0.0.1', '10.0.0.2', 6, tcp({ sport: 40005, dport: 80 }, body)), cut: 30 },
    { ...v6('fd00::1', 'fd00::2', 6, tcp({ sport: 40006, dport: 80 }, body)), cut: 44 },
  ];
  if (withArp) list.push({ etherType: 0x0806, bytes: arp('10.0.0.1', '10.0.0.2') }, { etherType: 0x8035, bytes: arp('10.0.0.9', '10.0.0.1') });
  return list;
}

const VLAN_STACKS: VlanTag[][] = [[], [{ vid: 5 }], [{ tpid: 0x88a8, vid: 100 }, { vid: 200 }], [{ tpid: 0x9100, vid: 7 }]];

function frames(linkType: number, bigEndian: boolean): Uint8Array[] {
  const wrap = (l3: L3): Uint8Array[] => {
    switch (linkType) {
      case 1: return VLAN_STACKS.map((stack) => ethernet(l3.etherType, l3.bytes, stack));
      case 113: return [sll(l3.etherType, l3.bytes)];
      case 276: return [sll2(l3.etherType, l3.bytes)];
      case 0: return l3.etherType === 0x0800 || l3.etherType === 0x86dd ? [bsdLoopback(l3.etherType === 0x0800 ? 2 : 30, l3.bytes, bigEndian)] : [];
      case 108: return l3.etherType === 0x0800 || l3.etherType === 0x86dd ? [bsdLoopback(l3.etherType === 0x0800 ? 2 : 24, l3.bytes, true)] : [];
      case 101: return l3.etherType === 0x0800 || l3.etherType === 0x86dd ? [l3.bytes] : [];
      case 228: return l3.etherType === 0x0800 ? [l3.bytes] : [];
      case 229: return l3.etherType === 0x86dd ? [l3.bytes] : [];
      default: return [];
    }
  };
  return networkPackets(linkType === 1 || linkType === 113 || linkType === 276).flatMap((l3) => {
    const out = wrap(l3);
    // A cut packet keeps its link header plus `cut` bytes of the network layer.
    return l3.cut === undefined ? out : out.map((f) => f.subarray(0, f.length - l3.bytes.length + l3.cut!));
  });
}

export interface VarietyFile {
  name: string;
  bytes: Uint8Array;
  ns: boolean;
}

/** One pcap per link type (NULL in both byte orders), with ns timestamps on some. */
export function varietyFiles(): VarietyFile[] {
  const specs: [string, number, boolean, boolean][] = [
    ['ethernet-vlan', 1, false, false], ['ethernet-vlan-be-ns', 1, true, true], ['sll', 113, false, true], ['sll2', 276, false, false],
    ['null-le', 0, false, false], ['null-be', 0, true, false], ['loop', 108, false, false], ['raw', 101, false, false],
    ['ipv4', 228, false, false], ['ipv6', 229, false, false],
  ];
  return specs.map(([name, linkType, bigEndian, ns]) => {
    const packets: SynthPacket[] = frames(linkType, bigEndian).map((data, i) => ({
      sec: 1_700_000_000 + i, nsec: (i * 7_654_321) % 1e9, data, origLen: data.length + (i % 5 === 0 ? 100 : 0),
    }));
    return { name: `${name}.pcap`, bytes: pcapFile({ linkType, packets, bigEndian, ns }), ns };
  });
}
