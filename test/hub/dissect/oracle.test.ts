/**
 * Accuracy against tshark (the oracle) and the generator's manifest on every sample capture:
 * calls per protocol, the multiset of (protocol, method, status, path), and latencies within 1 ms
 * of tshark's http.time / dns.time. HTTPS stays encrypted (no key log is used): each HTTPS
 * connection is one `tls` call carrying the SNI, as tshark sees it without keys.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CAPTURES_DIR } from '../../support/paths';
import { classOf, compareLatencies, counts, manifestOutcomes, manifestTotals, multisetDiff, ourKey, oracleKey, ourOutcome } from './support/compare';
import { dissectFiles, type Dissected } from './support/dissectFile';
import { hasTshark, oracleCalls, type OracleCall, tsharkRows } from './support/oracle';

const SMALL = ['small.pcap', 'small.pcapng', 'small-sll.pcap', 'small-sll2.pcap'];
const manifest = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'small.manifest.json'), 'utf8')) as { calls: number; counts: Record<string, number> };

describe('dissection accuracy against tshark', function () {
  this.timeout(180_000);
  before(function () {
    if (!hasTshark()) {
      console.log('    tshark is not installed: the oracle comparison cannot run (apt-get install -y tshark)');
      this.skip();
    }
  });

  for (const name of SMALL) {
    describe(name, () => {
      let ours: Dissected;
      let theirs: OracleCall[];
      before(async () => {
        const file = path.join(CAPTURES_DIR, name);
        [ours, theirs] = await Promise.all([dissectFiles([file]), oracleCalls(file)]);
      });
      after(() => ours.cleanup());

      it('reads the whole file and leaves no stream undissected', () => {
        assert.deepEqual(ours.result.errors, []);
        assert.equal(ours.result.progress.protocolCounts.tcp, undefined, 'no stream failed dissection');
      });

      it('has the calls per protocol that tshark and the manifest have', () => {
        const mine = Object.fromEntries(counts(ours.calls, classOf));
        const tshark = Object.fromEntries(counts(theirs, (o) => o.proto));
        assert.deepEqual(mine, tshark);
        assert.deepEqual(mine, Object.fromEntries(manifestTotals(manifest)));
        assert.equal(ours.calls.length, manifest.calls);
      });

      it('has the same multiset of (protocol, method, status, path) as tshark', () => {
        assert.deepEqual(multisetDiff(counts(ours.calls, ourKey), counts(theirs, oracleKey)), []);
      });

      it('has the outcomes the load generator counted', () => {
        const mine = new Map<string, number>();
        ours.calls.forEach((c, i) => {
          const k = ourOutcome(c, ours.transports[i]!);
          if (k) mine.set(k, (mine.get(k) ?? 0) + 1);
        });
        assert.deepEqual(multisetDiff(mine, manifestOutcomes(manifest)), []);
      });

      it("has latencies within 1 ms of tshark's http.time and dns.time", () => {
        const check = compareLatencies(ours.calls, theirs);
        const answered = theirs.filter((o) => (o.proto === 'http' || o.proto === 'dns') && o.elapsedMs !== undefined).length;
        assert.equal(check.compared, answered, 'every answered HTTP/1 and DNS call of tshark was joined');
        assert.deepEqual(check.outliers, []);
      });
    });
  }

  describe('pg.pcap', () => {
    let ours: Dissected;
    const file = path.join(CAPTURES_DIR, 'pg.pcap');
    before(async () => {
      ours = await dissectFiles([file]);
    });
    after(() => ours.cleanup());

    it("has one call per simple query and per Execute, like tshark's pgsql messages", () => {
      const types = tsharkRows(file, 'pgsql', ['pgsql.type']).flatMap((r) => r['pgsql.type']!.split('|'));
      const expected = types.filter((t) => t === 'Simple query' || t === 'Execute').length;
      assert.ok(expected > 3000);
      assert.equal(ours.calls.filter((c) => c.proto === 'postgresql').length, expected);
      assert.equal(ours.calls.filter((c) => c.postgresql?.error_code).length, types.filter((t) => t === 'Error').length);
    });

    it('has the commands of the simple queries tshark shows', () => {
      const queries = tsharkRows(file, 'pgsql.type == "Simple query"', ['pgsql.query']).map((r) => r['pgsql.query']!);
      const verb = (q: string): string => /^\s*([A-Za-z]+)/.exec(q)?.[1]!.toUpperCase() ?? '';
      const theirs = counts(queries, verb);
      const simple = new Set(queries);
      const mine = counts(ours.calls.filter((c) => c.postgresql && simple.has(c.postgresql.query)), (c) => c.method);
      assert.deepEqual(multisetDiff(mine, theirs), []);
    });

    it('names the SQLSTATE of the failed query', () => {
      const failed = ours.calls.filter((c) => c.status === 1);
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.postgresql?.error_code, '42P01');
      assert.match(failed[0]!.postgresql!.query, /no_such_table/);
    });
  });
});
