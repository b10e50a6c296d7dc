import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { type BpfNode } from '../../../hub/bpf/ast';
import { BpfFilter, isBpfError } from '../../../hub/bpf/filter';
import { parseBpf } from '../../../hub/bpf/parser';
import { LinkType } from '../../../hub/capture/packet';

/** Fully parenthesised rendering of a tree, to check precedence and qualifier inheritance. */
function show(n: BpfNode): string {
  switch (n.kind) {
    case 'and': case 'or': return `(${show(n.left)} ${n.kind} ${show(n.right)})`;
    case 'not': return `not ${show(n.operand)}`;
    case 'proto': return n.proto;
    case 'host': case 'net': return `${n.proto ?? ''}[${n.dir}]${n.kind} ${Array.from(n.address).join('.')}`;
    case 'port': return `${n.proto ?? ''}[${n.dir}]port ${n.lo}-${n.hi}`;
    case 'len': return `len ${n.op} ${n.value}`;
    case 'vlan': return `vlan ${n.id ?? '*'}`;
  }
}

function tcpdumpAccepts(expression: string): boolean {
  return spawnSync('tcpdump', ['-y', 'EN10MB', '-d', expression], { stdio: 'ignore' }).status === 0;
}

describe('BPF parser', () => {
  it('and/or share one precedence level, left to right; not binds tightest', () => {
    const tree = parseBpf('port 80 or 443 and not 53');
    assert.ok(!isBpfError(tree));
    assert.equal(show(tree), '(([src or dst]port 80-80 or [src or dst]port 443-443) and not [src or dst]port 53-53)');
  });

  it('a bare id takes the qualifiers of the primitive before it', () => {
    const tree = parseBpf('tcp src port 80 || 443 && !(8080)');
    assert.ok(!isBpfError(tree));
    assert.equal(show(tree), '((tcp[src]port 80-80 or tcp[src]port 443-443) and not tcp[src]port 8080-8080)');
  });

  it('reads libpcap address forms: partial hosts, classful nets, masks, CIDR, IPv6', () => {
    const cases: [string, string][] = [
      ['host 10', '[src or dst]host 0.0.0.10'],
      ['net 192.168', '[src or dst]net 192.168.0.0'],
      ['src or dst net 10.0.0.0 mask 255.0.0.0', '[src or dst]net 10.0.0.0'],
      ['src and dst net 10.1.0.0/16', '[src and dst]net 10.1.0.0'],
      ['ip6 host ::ffff:1.2.3.4', `ip6[src or dst]host ${[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4].join('.')}`],
      ['portrange 90-80', '[src or dst]port 80-90'],
      ['portrange 53', '[src or dst]port 53-53'],
      ['less 0x64', 'len <= 100'],
      ['len = 5', 'len == 5'],
    ];
    for (const [text, expected] of cases) {
      const tree = parseBpf(text);
      assert.ok(!isBpfError(tree), text);
      assert.equal(show(tree), expected, text);
    }
  });

  it('rejects what tcpdump rejects, with the offset of the problem', () => {
    const cases: [string, number, RegExp][] = [
      ['', 0, /empty/],
      ['tcp and', 7, /ends where a primitive is expected/],
      ['(tcp or udp', 11, /missing '\)'/],
      ['tcp or udp)', 10, /unbalanced/],
      ['port 99999', 5, /out of range/],
      ['portrange 80-', 13, /invalid port ''/],
      ['net 10.1.2.3/8', 4, /non-network bits set in "10.1.2.3\/8"/],
      ['host 1.2.3.4.5', 5, /invalid address/],
      ['tcp and 1.2.3.4', 8, /needs a qualifier/],
      ['tcp host 1.2.3.4', 0, /'tcp' modifier applied to host/],
      ['ip6 host 1.2.3.4', 0, /'ip6' modifier applied to ip host/],
      ['ip port 80', 0, /illegal qualifier of 'port'/],
      ['vlan 5000', 5, /VLAN id/],
      ['len > ', 6, /expected a length/],
      ['tcp @ udp', 4, /unexpected character '@'/],
      ['host example.invalid', 5, /host names are not resolved/],
      ['port http-alt', 5, /unknown port name/],
    ];
    for (const [text, offset, message] of cases) {
      const result = BpfFilter.parse(text);
      assert.ok(isBpfError(result), `${text} should be an error`);
      assert.equal(result.offset, offset, `${text}: offset`);
      assert.match(result.message, message, text);
      // Intentional difference: names are never resolved here (tcpdump looks up /etc/services, DNS).
      const nameLookup = /unknown port name|not resolved/.test(result.message);
      if (text !== '' && !nameLookup) assert.equal(tcpdumpAccepts(text), false, `tcpdump accepts '${text}'`);
    }
  });

  it('a filter that cannot apply to a link type is an error for that link type only', () => {
    const filter = BpfFilter.parse('tcp and vlan 5');
    assert.ok(!isBpfError(filter));
    assert.equal(typeof filter.matcherFor(LinkType.Ethernet), 'function');
    const onSll = filter.matcherFor(LinkType.LinuxSll);
    assert.ok(isBpfError(onSll));
    assert.deepEqual([onSll.message, onSll.offset], ['no VLAN support for LINUX_SLL', 8]);
  });

  it('bounds nesting instead of overflowing the stack', () => {
    const deep = `${'('.repeat(10_000)}tcp${')'.repeat(10_000)}`;
    const result = BpfFilter.parse(deep);
    assert.ok(isBpfError(result));
    assert.match(result.message, /nested deeper/);
  });
});
