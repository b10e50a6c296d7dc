import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DataBoundaries, type Snapshot } from '../../../protocol/hubApi';
import { scanCapture } from '../../../hub/capture/scan';
import { type CaptureProblem } from '../../../hub/captures/captureIndex';
import { pcapngFile } from '../support/captureFiles';
import { HubProcess, snapshotSettled } from '../support/hubProcess';
import { tempDir } from '../support/tools';
import { varietyFiles } from '../support/variety';

/** Deterministic pseudo-random numbers (a failing case can be replayed). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Byte offsets where each record starts (pcap: after the 24-byte header; pcapng: every block). */
function recordStarts(bytes: Uint8Array, pcapng: boolean): number[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts: number[] = [];
  for (let o = pcapng ? 0 : 24; o < bytes.length; o += pcapng ? view.readUInt32LE(o + 4) : 16 + view.readUInt32LE(o + 8)) starts.push(o);
  return starts;
}

type Expectation = { kind: 'cut'; errorAt: number | null; packets: number } | { kind: 'magic' } | { kind: 'length'; at: number } | { kind: 'flip' };

describe('damaged captures: 1,000 mutated files', function () {
  this.timeout(300_000);
  const tmp = tempDir('hub-faults-');
  const captures = path.join(tmp.dir, 'captures');
  const expectations = new Map<string, Expectation>();
  let hub: HubProcess;

  before(async () => {
    mkdirSync(captures);
    const ethernet = varietyFiles().find((f) => f.name === 'ethernet-vlan.pcap')!.bytes;
    const sll = varietyFiles().find((f) => f.name === 'sll.pcap')!.bytes;
    const ng = pcapngFile([{ interfaces: [{ linkType: 1, tsresol: 9 }], blocks: recordStarts(ethernet, false).slice(0, 30).map((o, i) => {
      const len = Buffer.from(ethernet).readUInt32LE(o + 8);
      return { kind: 'epb' as const, iface: 0, packet: { sec: 1_700_000_000 + i, nsec: i, data: ethernet.subarray(o + 16, o + 16 + len) } };
    }) }]);
    const bases = [{ name: 'eth', bytes: ethernet, ng: false }, { name: 'sll', bytes: sll, ng: false }, { name: 'ng', bytes: ng, ng: true }];
    const random = rng(20261121);
    for (let i = 0; i < 1000; i++) {
      const base = bases[i % bases.length]!;
      const starts = recordStarts(base.bytes, base.ng);
      const bytes = Buffer.from(base.bytes);
      let out: Buffer = bytes;
      let expectation: Expectation;
      switch (i % 4) {
        case 0: {
          const cut = 1 + random(bytes.length - 1);
          out = bytes.subarray(0, cut);
          const firstCut = starts.findIndex((s, k) => s < cut && (starts[k + 1] ?? bytes.length) > cut);
          const boundary = starts.includes(cut);
          // A pcapng cut inside the section header or interface block leaves no packet before it.
          const packetBlocksBefore = base.ng ? Math.max(0, (boundary ? starts.indexOf(cut) : firstCut) - 2) : boundary ? starts.indexOf(cut) : firstCut;
          expectation = { kind: 'cut', errorAt: boundary ? null : cut < (base.ng ? 0 : 24) ? 0 : starts[firstCut] ?? 0, packets: Math.max(0, packetBlocksBefore) };
          break;
        }
        case 1:
          bytes.writeUInt32LE(0xdeadbeef, 0);
          expectation = { kind: 'magic' };
          break;
        case 2: {
          const k = (base.ng ? 2 : 0) + random(starts.length - (base.ng ? 2 : 0));
          bytes.writeUInt32LE(0x7ffffff0, starts[k]! + (base.ng ? 4 : 8));
          expectation = { kind: 'length', at: starts[k]! };
          break;
        }
        default: {
          for (let f = 1 + random(8); f > 0; f--) bytes[random(bytes.length)] ^= 1 + random(255);
          expectation = { kind: 'flip' };
        }
      }
      const name = `m${String(i).padStart(4, '0')}-${base.name}.${base.ng ? 'pcapng' : 'pcap'}`;
      writeFileSync(path.join(captures, name), out);
      expectations.set(name, expectation);
    }
    for (const f of varietyFiles().slice(0, 3)) writeFileSync(path.join(captures, `intact-${f.name}`), f.bytes);
    hub = await HubProcess.start(['--captures', captures, '--state', path.join(tmp.dir, 'state')]);
  });
  after(async () => {
    await hub?.stop();
    tmp.cleanup();
  });

  it('every damaged file is reported with its name, the right byte offset and a clear message', async () => {
    const b = await hub.ok<DataBoundaries & { errors: CaptureProblem[] }>('get_data_boundaries');
    const byFile = new Map(b.errors.map((e) => [e.file, e]));
    let checked = 0;
    for (const [name, exp] of expectations) {
      const problem = byFile.get(name);
      if (problem) {
        assert.match(problem.message, new RegExp(`^${name.replace('.', '\\.')}: .+ at byte offset ${problem.offset}$`));
      }
      switch (exp.kind) {
        case 'cut':
          if (exp.errorAt === null) assert.equal(problem, undefined, name);
          else assert.deepEqual([problem?.code, problem?.offset], ['truncated', exp.errorAt], name);
          break;
        case 'magic':
          assert.deepEqual([problem?.code, problem?.offset], ['bad-magic', 0], name);
          break;
        case 'length':
          assert.deepEqual([problem?.code, problem?.offset], ['bad-length', exp.at], name);
          break;
        case 'flip':
          if (problem) assert.ok(problem.offset >= 0 && problem.offset < 1 << 20, name);
      }
      checked++;
    }
    assert.equal(checked, 1000);
    for (const intact of ['intact-ethernet-vlan', 'intact-ethernet-vlan-be-ns', 'intact-sll']) assert.ok(b.nodes.some((n) => n.name === intact), intact);
  });

  it('everything before the damage stays usable (packet counts of cut files)', () => {
    for (const [name, exp] of expectations) {
      if (exp.kind !== 'cut') continue;
      assert.equal(scanCapture(path.join(captures, name)).packetCount, exp.packets, name);
    }
  });

  it('keeps serving: a snapshot over every node completes, warns about the damage, and exports', async () => {
    const s = await hub.ok<Snapshot>('create_snapshot', { name: 'over the wreckage' });
    const done = (await snapshotSettled(hub, s.id)) as unknown as Snapshot & { warnings: string[] };
    assert.equal(done.status, 'completed');
    assert.ok(done.packet_count > 0);
    assert.ok(done.warnings.some((w) => /^m\d{4}-\w+\.pcap(ng)?: .+ at byte offset \d+; packets before it were copied$/.test(w)));
    const exp = await hub.ok<{ path: string }>('export_snapshot_pcap', { id: s.id, bpf_filter: 'tcp' });
    const dl = await hub.download(exp.path);
    assert.equal(dl.status, 200);
    assert.ok(dl.bytes.length > 24);
    assert.deepEqual(await hub.get('/api/echo', {}).then((r) => r.body), { ok: true });
  });
});
