import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpfFilter, isBpfError } from '../../../hub/bpf/filter';
import { describeCapture } from '../../../hub/capture/scan';
import { exportPackets } from '../../../hub/export/exporter';
import { planOutput } from '../../../hub/export/plan';
import { CAPTURES_DIR } from '../../support/paths';
import { tempDir } from '../support/tools';
import { varietyFiles } from '../support/variety';

/** Filters people use with Kubeshark plus every subtle corner of pcap-filter we claim to match. */
export const ORACLE_FILTERS = [
  'tcp', 'udp', 'icmp', 'icmp6', 'sctp', 'ip', 'ip6', 'arp',
  'port 80', 'tcp port 80', 'udp port 53', 'port 53', 'src port 40000', 'dst port 80', 'src or dst port 53', 'sctp port 80',
  'portrange 8000-8100', 'tcp portrange 50000-60000', 'udp portrange 8100-8000', 'port 8080 or port 8081 or port 50051',
  'host 127.0.0.1', 'host ::1', 'src host 10.0.0.1', 'dst host 10.0.0.2', 'host 10.0.0.1 or 10.0.0.2', 'ip host 10.0.0.2', 'arp host 10.0.0.2',
  'src and dst host 127.0.0.1', 'host fd00::1 and not host fd00::2',
  'net 10.0.0.0/8', 'net 10.0.0.0 mask 255.255.255.0', 'net fd00::/16', 'src net 192.168', 'dst net 127', 'net 10.0.0.0/24 or net fd00:1::/32',
  'not tcp', '!udp && !icmp', 'tcp and not port 22', 'port 80 or 443 and not 53', '(port 80 or port 443) and ip6',
  'tcp port 8080 || udp port 53', 'dst port 6379 and src host 127.0.0.1', 'ip6 and tcp', 'tcp and (dst port 5432 or src port 5432)',
  'len > 100', 'len <= 60', 'len == 74', 'len != 66', 'less 100', 'greater 1000',
  'vlan', 'vlan 5', 'vlan and vlan', 'vlan and ip', 'vlan 100 and vlan 200 and tcp', 'not vlan and tcp', 'ip and vlan',
  'vlan or tcp port 80', 'vlan and port 53', 'vlan 7 and host 10.0.0.2',
];

function runTcpdump(input: string, output: string, filter: string, ns: boolean): { ok: true } | { ok: false; stderr: string } {
  const r = spawnSync('tcpdump', ['-r', input, '-w', output, ...(ns ? ['--time-stamp-precision=nano'] : []), filter], { encoding: 'utf8' });
  return r.status === 0 ? { ok: true } : { ok: false, stderr: r.stderr };
}

describe('BPF export against tcpdump (byte-identical output)', function () {
  this.timeout(300_000);
  const tmp = tempDir('bpf-oracle-');
  after(() => tmp.cleanup());

  const inputs = [
    ...['small.pcap', 'small.pcapng', 'small-sll.pcap', 'small-sll2.pcap', 'pg.pcap'].map((n) => path.join(CAPTURES_DIR, n)),
    ...varietyFiles().map((f) => tmp.file(f.name, f.bytes)),
  ];

  it(`has at least 40 filters (${ORACLE_FILTERS.length})`, () => assert.ok(ORACLE_FILTERS.length >= 40));

  for (const input of inputs) {
    it(`${path.basename(input)}: every filter`, async () => {
      const plan = planOutput([describeCapture(input)]);
      let compared = 0;
      for (const [i, text] of ORACLE_FILTERS.entries()) {
        const filter = BpfFilter.parse(text);
        assert.ok(!isBpfError(filter), `${text}: ${JSON.stringify(filter)}`);
        const theirs = tmp.file(`${path.basename(input)}-${i}.tcpdump.pcap`);
        const tcpdump = runTcpdump(input, theirs, text, plan.precision === 'ns');
        const matcher = filter.matcherFor(plan.linkTypes[0]!);
        if (!tcpdump.ok) {
          // tcpdump refuses filters that cannot apply to the link type; so do we, or we match nothing.
          if (/rejects all packets/.test(tcpdump.stderr)) assert.ok(!isBpfError(matcher), `${text}`);
          else assert.ok(isBpfError(matcher), `${text} on ${path.basename(input)}: tcpdump said ${tcpdump.stderr.trim()}, we compiled it`);
          if (!/rejects all packets/.test(tcpdump.stderr)) continue;
        }
        const chunks: Buffer[] = [];
        const result = await exportPackets([input], plan, { filter }, (c) => void chunks.push(Buffer.from(c)));
        assert.deepEqual(result.errors, []);
        const ours = Buffer.concat(chunks);
        if (tcpdump.ok) {
          const expected = readFileSync(theirs);
          assert.ok(ours.equals(expected), `${text} on ${path.basename(input)}: ${result.packets} packets, ${ours.length} bytes; tcpdump ${expected.length} bytes`);
          compared++;
        } else {
          assert.equal(result.packets, 0, `${text}: tcpdump says it rejects all packets`);
        }
      }
      assert.ok(compared >= 30, `only ${compared} filters compared`);
    });
  }
});
