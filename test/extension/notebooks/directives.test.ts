import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIRECTIVES, type DirectiveProblem, parseDirectives } from '../../../extension/notebooks/cell/directives';
import { effectiveSource, readSettings, sourceLabel, withSettings } from '../../../extension/notebooks/format/binding';

/** [code, line, start, end] per problem, for compact assertions. */
const where = (problems: readonly DirectiveProblem[]): [string, number, number, number][] => problems.map((p) => [p.code, p.line, p.start, p.end]);

describe('notebook cell directives', () => {
  it('reads a plain filter as a query of the notebook\'s source', () => {
    const d = parseDirectives('http && status_code >= 500');
    assert.equal(d.mode, 'query');
    assert.equal(d.source, undefined);
    assert.equal(d.hasFilter, true);
    assert.deepEqual(d.problems, []);
  });

  it('reads every directive of the header, with blank lines between', () => {
    const d = parseDirectives([
      '// @snapshot "checkout outage" night',
      '',
      '//   @stats top=5',
      '// @window yesterday 17:00 – 18:00  ',
      'http',
    ].join('\n'));
    assert.deepEqual(d.source, { kind: 'snapshot', snapshot: 'checkout outage', dissection: 'night' });
    assert.equal(d.mode, 'stats');
    assert.equal(d.top, 5);
    assert.deepEqual(d.window, { text: 'yesterday 17:00 – 18:00', line: 3, start: 11 });
    assert.deepEqual(d.problems, []);
  });

  it('reads the options of @flows, @workloads, @ips and @export-pcap', () => {
    assert.deepEqual(parseDirectives('// @flows aggregate=namespace proto=udp ns=prod\n// @limit 50').flows, { aggregate: 'namespace', l4proto: 'udp', ns: 'prod' });
    assert.equal(parseDirectives('// @flows\n// @limit 50').limit, 50);
    assert.deepEqual(parseDirectives('// @workloads ^payment- ns=prod,staging kind=pod').workloads, { nameRegex: '^payment-', namespaces: ['prod', 'staging'], kind: 'pod' });
    assert.deepEqual(parseDirectives('// @ips 10.0.53.101 ns=prod').ips, { ip: '10.0.53.101', namespaces: ['prod'] });
    assert.deepEqual(parseDirectives('// @ips fe80::1').ips, { ip: 'fe80::1' });
    const exported = parseDirectives('// @export-pcap exports/errors.pcap\n// @limit 5000\nhttp && status_code >= 500');
    assert.equal(exported.mode, 'export-pcap');
    assert.equal(exported.exportFile, 'exports/errors.pcap');
    assert.equal(exported.limit, 5000);
  });

  it('positions unknown directives with a did-you-mean', () => {
    const d = parseDirectives('// @snapshto x\nhttp');
    assert.deepEqual(where(d.problems), [['directive/unknown', 0, 3, 12]]);
    assert.match(d.problems[0]!.message, /did you mean '@snapshot'\?/);
    assert.doesNotMatch(parseDirectives('// @zzzzzzzz').problems[0]!.message, /did you mean/);
  });

  it('flags duplicates, two modes, two sources and bad arguments where they stand', () => {
    assert.deepEqual(where(parseDirectives('// @limit 5\n// @limit 6').problems), [['directive/duplicate', 1, 3, 9]]);
    assert.deepEqual(where(parseDirectives('// @stats\n// @flows').problems), [['directive/conflict', 1, 3, 9]]);
    assert.deepEqual(where(parseDirectives('// @live\n// @snapshot a').problems), [['directive/conflict', 1, 3, 12]]);
    assert.deepEqual(where(parseDirectives('// @limit ten').problems), [['directive/argument', 0, 10, 13]]);
    assert.deepEqual(where(parseDirectives('// @limit 0').problems), [['directive/argument', 0, 10, 11]]);
    assert.deepEqual(where(parseDirectives('// @limit 2000').problems), [['directive/argument', 0, 10, 14]]);
    assert.deepEqual(where(parseDirectives('// @flows aggregate=pods').problems), [['directive/argument', 0, 10, 24]]);
    assert.deepEqual(where(parseDirectives('// @flows colour=red').problems), [['directive/argument', 0, 10, 20]]);
    assert.deepEqual(where(parseDirectives('// @snapshot').problems), [['directive/argument', 0, 3, 12]]);
    assert.deepEqual(where(parseDirectives('// @snapshot a b c').problems), [['directive/argument', 0, 17, 18]]);
    assert.deepEqual(where(parseDirectives('// @live now').problems), [['directive/argument', 0, 9, 12]]);
    assert.deepEqual(where(parseDirectives('// @snapshot "open').problems), [['directive/argument', 0, 13, 18]]);
    assert.deepEqual(where(parseDirectives('// @window').problems), [['directive/argument', 0, 3, 10]]);
    assert.deepEqual(where(parseDirectives('// @export-pcap ../../etc/x.pcap').problems), [['directive/argument', 0, 16, 32]]);
    assert.deepEqual(where(parseDirectives('// @export-pcap /tmp/x.pcap').problems), [['directive/argument', 0, 16, 27]]);
    assert.deepEqual(where(parseDirectives('// @ips not-an-ip').problems), [['directive/argument', 0, 8, 17]]);
    assert.deepEqual(where(parseDirectives('// @stats top=1000').problems), [['directive/argument', 0, 10, 18]]);
  });

  it('warns about what a mode ignores', () => {
    assert.deepEqual(where(parseDirectives('// @flows\nhttp').problems), [['directive/filter-ignored', 0, 3, 9]]);
    assert.deepEqual(where(parseDirectives('// @stats\n// @limit 5').problems), [['directive/not-applicable', 1, 10, 11]]);
    assert.deepEqual(where(parseDirectives('// @workloads\n// @window last 1h').problems), [['directive/not-applicable', 1, 11, 18]]);
    // Comments below the header are no filter.
    assert.deepEqual(parseDirectives('// @flows\n// who talks to whom').problems, []);
    assert.ok(parseDirectives('// @flows').problems.every((p) => p.severity === 'warning'));
  });

  it('says that a directive below the filter is only a comment', () => {
    const d = parseDirectives('http\n  // @stats');
    assert.equal(d.mode, 'query');
    assert.deepEqual(where(d.problems), [['directive/not-at-top', 1, 2, 11]]);
    assert.equal(d.problems[0]!.severity, 'warning');
    assert.deepEqual(parseDirectives('http\n// @mention someone').problems, [], 'a non-directive @word below the filter is just a comment');
  });

  it('takes CRLF line ends', () => {
    const d = parseDirectives('// @live\r\n// @limit 7\r\nhttp');
    assert.deepEqual(d.source, { kind: 'live' });
    assert.equal(d.limit, 7);
  });

  it('never throws, and keeps every problem inside its line (property)', () => {
    const pieces = fc.constantFrom(...DIRECTIVES.map((d) => `// @${d}`), '//', ' ', '"', 'top=', 'ns=a,b', 'x=', '=', '10', '\n', '\r\n', '@', 'http', '\u202e', '__proto__=1', 'last 1h');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
      const text = parts.join(' ');
      const lines = text.split(/\r?\n/);
      const d = parseDirectives(text);
      for (const p of d.problems) {
        assert.ok(p.line >= 0 && p.line < lines.length);
        assert.ok(p.start >= 0 && p.start <= p.end && p.end <= lines[p.line]!.length, `${JSON.stringify(text)} → ${JSON.stringify(p)}`);
      }
    }), { numRuns: 2000 });
  });
});

describe('notebook binding', () => {
  it('reads and writes the settings under `kubeshark`, keeping other metadata', () => {
    const metadata = withSettings({ other: 1 }, { hub: 'local', source: { kind: 'snapshot', snapshotId: 'id-1', name: 'outage' }, keepOutputs: true });
    assert.deepEqual(metadata, { other: 1, kubeshark: { hub: 'local', source: { kind: 'snapshot', snapshotId: 'id-1', name: 'outage' }, keepOutputs: true } });
    assert.deepEqual(readSettings(metadata), { hub: 'local', source: { kind: 'snapshot', snapshotId: 'id-1', name: 'outage', dissection: undefined }, keepOutputs: true });
  });

  it('reads hostile or broken metadata as no binding', () => {
    assert.deepEqual(readSettings(JSON.parse('{"kubeshark":{"__proto__":{"keepOutputs":true},"source":{"kind":"snapshot"}}}') as Record<string, unknown>), { hub: undefined, source: undefined, keepOutputs: false });
    assert.deepEqual(readSettings({ kubeshark: 'x' }), { hub: undefined, source: undefined, keepOutputs: false });
    assert.deepEqual(readSettings(undefined), { hub: undefined, source: undefined, keepOutputs: false });
  });

  it('lets a cell\'s directive override the notebook\'s source', () => {
    const settings = readSettings(withSettings({}, { source: { kind: 'snapshot', snapshotId: 'id-1', name: 'outage' }, keepOutputs: false }));
    assert.deepEqual(effectiveSource(undefined, settings), { kind: 'snapshot', ref: 'id-1', dissection: 'default', label: 'outage', fromDirective: false });
    assert.deepEqual(effectiveSource({ kind: 'live' }, settings), { kind: 'live' });
    assert.deepEqual(effectiveSource({ kind: 'snapshot', snapshot: 'baseline', dissection: 'd2' }, settings), { kind: 'snapshot', ref: 'baseline', dissection: 'd2', fromDirective: true });
    assert.deepEqual(effectiveSource(undefined, readSettings({})), { kind: 'unbound' });
    assert.equal(sourceLabel(effectiveSource(undefined, settings)), "snapshot 'outage'");
    assert.equal(sourceLabel({ kind: 'snapshot', ref: 'x', dissection: 'd2', fromDirective: true }), "snapshot 'x' (d2)");
  });
});
