// Evidence filters: every BPF compiles with tcpdump (`tcpdump -d`, libpcap itself is the oracle)
// and every KFL filter passes the KFL checker without errors or warnings; hostile strings never
// reach a BPF, and reach a KFL filter only as escaped literals.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { analyze } from '../../../kfl/analyze';
import { bpfForHosts, bpfForPairs, kflForIps, kflForPairs, MAX_PAIR_TERMS } from '../../../extension/analysis/filters';
import { type FlowPair } from '../../../extension/analysis/flows';
import { combinedBpf } from '../../../extension/analysis/findings/combined';
import { type Finding } from '../../../extension/analysis/findings/finding';

function compiles(bpf: string): boolean {
  try {
    execFileSync('tcpdump', ['-d', bpf], { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

function kflProblems(kfl: string): string[] {
  return analyze(kfl).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code);
}

const pairs: FlowPair[] = [
  { client: '10.0.1.10', server: '10.0.1.20', port: 8080, proto: 'tcp' },
  { client: '10.0.1.66', server: '142.250.74.36', port: 80, proto: 'tcp' },
  { client: '10.0.1.10', server: '10.0.0.10', port: 53, proto: 'udp' },
  { client: 'fd00::1', server: '2001:db8::5', proto: '' },
];

describe('analysis evidence filters', () => {
  it('builds BPFs that tcpdump compiles, from pairs and hosts', () => {
    const built = bpfForPairs(pairs);
    assert.equal(built.filter, '(host 10.0.1.10 and host 10.0.1.20 and tcp port 8080) or (host 10.0.1.66 and host 142.250.74.36 and tcp port 80) or (host 10.0.1.10 and host 10.0.0.10 and udp port 53) or (host fd00::1 and host 2001:db8::5)');
    assert.ok(compiles(built.filter));
    assert.ok(compiles(bpfForHosts(['10.0.0.1', '::1']).filter));
  });

  it('leaves hostile strings out of a BPF and says so', () => {
    const hostile = bpfForPairs([...pairs, { client: '10.0.0.1 or port 22', server: '10.0.0.2', port: 1, proto: 'tcp' }, { client: 'fe80::1%eth0', server: '10.0.0.2', proto: '' }]);
    assert.equal(hostile.complete, false);
    assert.equal(hostile.filter, bpfForPairs(pairs).filter);
    const hosts = bpfForHosts(['$(reboot)', '10.0.0.9']);
    assert.deepEqual(hosts, { filter: 'host 10.0.0.9', complete: false });
  });

  it('falls back to a host set past the pair bound, still compiling and covering every pair', () => {
    const many = Array.from({ length: MAX_PAIR_TERMS + 5 }, (_, i): FlowPair => ({ client: `10.0.${i}.1`, server: '10.9.9.9', port: 80, proto: 'tcp' }));
    const built = bpfForPairs(many);
    assert.ok(compiles(built.filter));
    for (const p of many) assert.ok(built.filter.includes(`host ${p.client}`));
  });

  it('builds KFL filters the checker accepts, with captured strings escaped', () => {
    const filters = [kflForPairs(pairs).filter, kflForIps('src', ['10.0.0.1']).filter, kflForIps('dst', ['"]) || true || ("', '10.0.0.2']).filter,
      kflForPairs(Array.from({ length: 40 }, (_, i) => ({ client: `10.0.${i}.1`, server: '10.9.9.9', port: 80, proto: 'tcp' }))).filter];
    for (const f of filters) assert.deepEqual(kflProblems(f), [], f);
    assert.equal(kflForIps('dst', ['"]) || true || ("']).filter, 'dst.ip == "\\"]) || true || (\\""');
  });

  it('combines the BPFs of many findings into one that tcpdump compiles', () => {
    const finding = (bpf: string): Finding => ({ id: bpf, detector: 'external-destination', severity: 'high', title: '', detail: '', score: 0, evidence: { kfl: '', bpf, calls: 0, examples: [], flows: [], facts: [] } });
    const few = combinedBpf([finding('host 1.2.3.4'), finding('(host 10.0.0.1 and host 10.0.0.2 and tcp port 80)'), finding('host 1.2.3.4'), finding('')]);
    assert.equal(few.bpf, '(host 1.2.3.4) or ((host 10.0.0.1 and host 10.0.0.2 and tcp port 80))');
    assert.equal(few.without.length, 1);
    assert.ok(compiles(few.bpf));
    const many = combinedBpf(Array.from({ length: 200 }, (_, i) => finding(`(host 10.1.${i}.1 and host 10.2.${i}.2 and tcp port 443)`)));
    assert.ok(many.bpf.length < 200 * 50 && compiles(many.bpf));
    assert.ok(many.bpf.includes('host 10.1.199.1') && many.bpf.includes('host 10.2.0.2'));
  });
});
