/**
 * Accuracy at scale: a generated capture of 100,000 calls (support/generated.ts) against tshark
 * and the generator's manifest, with the same checks as the sample captures. Skipped only when
 * tshark is missing; a capture that cannot be generated fails the test.
 */
import assert from 'node:assert/strict';
import { classOf, compareLatencies, counts, manifestOutcomes, manifestTotals, multisetDiff, ourKey, oracleKey, ourOutcome } from './support/compare';
import { dissectFiles, type Dissected } from './support/dissectFile';
import { BIG_CALLS, generatedCapture, type Generated } from './support/generated';
import { hasTshark, oracleCalls, type OracleCall } from './support/oracle';

describe(`dissection accuracy on a generated capture of ${BIG_CALLS} calls`, function () {
  this.timeout(60 * 60_000);
  let big: Generated;
  let ours: Dissected;
  let theirs: OracleCall[];

  before(async function () {
    if (!hasTshark()) {
      console.log('    tshark is not installed: the oracle comparison cannot run (apt-get install -y tshark)');
      this.skip();
    }
    const t0 = Date.now();
    big = generatedCapture();
    const t1 = Date.now();
    theirs = await oracleCalls(big.pcap);
    const t2 = Date.now();
    ours = await dissectFiles([big.pcap]);
    const t3 = Date.now();
    console.log(`    capture ${big.seconds ? `generated in ${big.seconds} s` : 'reused'} (${Math.round((t1 - t0) / 1000)} s), tshark oracle ${Math.round((t2 - t1) / 1000)} s, our dissection ${((t3 - t2) / 1000).toFixed(1)} s`);
  });
  after(() => ours?.cleanup());

  it('has at least 100,000 calls, all streams dissected', () => {
    assert.ok(ours.calls.length >= BIG_CALLS, `${ours.calls.length} calls`);
    assert.deepEqual(ours.result.errors, []);
    assert.equal(ours.result.progress.protocolCounts.tcp, undefined, 'no stream failed dissection');
  });

  // tshark finds TLS on port 8443 heuristically and now and then gives up on a stream (it shows
  // the ClientHello as bare TCP data); the manifest, counted by the clients, is the ground truth
  // there. Every other protocol must equal tshark exactly.
  it('has the calls per protocol the manifest has, and tshark has apart from TLS streams it missed', () => {
    const mine = counts(ours.calls, classOf);
    const tshark = counts(theirs, (o) => o.proto);
    assert.deepEqual(Object.fromEntries(mine), Object.fromEntries(manifestTotals(big.manifest)));
    for (const [cls, n] of mine) {
      if (cls === 'tls') assert.ok((tshark.get(cls) ?? 0) <= n && n - (tshark.get(cls) ?? 0) <= 5, `tls: ours ${n}, tshark ${tshark.get(cls)}`);
      else assert.equal(tshark.get(cls), n, cls);
    }
  });

  it('has the same multiset of (protocol, method, status, path) as tshark', () => {
    const tlsMissed = (manifestTotals(big.manifest).get('tls') ?? 0) - theirs.filter((o) => o.proto === 'tls').length;
    const diff = multisetDiff(counts(ours.calls, ourKey), counts(theirs, oracleKey));
    const unexplained = diff.filter((d) => !d.startsWith('tls|'));
    assert.deepEqual(unexplained.slice(0, 20), []);
    const missed = diff.map((d) => /: ours (\d+) vs tshark (\d+)$/.exec(d)!).reduce((a, m) => a + Number(m[1]) - Number(m[2]), 0);
    assert.equal(missed, tlsMissed);
  });

  it('has the outcomes the load generator counted', () => {
    const mine = new Map<string, number>();
    ours.calls.forEach((c, i) => {
      const k = ourOutcome(c, ours.transports[i]!);
      if (k) mine.set(k, (mine.get(k) ?? 0) + 1);
    });
    assert.deepEqual(multisetDiff(mine, manifestOutcomes(big.manifest)), []);
  });

  it("has latencies within 1 ms of tshark's http.time and dns.time", () => {
    const check = compareLatencies(ours.calls, theirs);
    assert.ok(check.compared > 50_000, `${check.compared} calls compared`);
    assert.deepEqual(check.outliers.slice(0, 20), []);
  });
});
