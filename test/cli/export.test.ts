import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportCommand } from '../../cli/export';
import { CAPTURES_DIR } from '../support/paths';
import { type CliRun, runCli } from './runCli';

const run = (args: string[]): Promise<CliRun> => runCli(['export', ...args], process.cwd());

/** tshark's fields per packet; a damaged file still yields the packets before the damage. */
function tshark(file: string, fields: string[]): string[][] {
  return spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

describe('cli export', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-export-'));
  const out = (name: string) => path.join(dir, name);
  const small = path.join(CAPTURES_DIR, 'small.pcap');
  const sll = path.join(CAPTURES_DIR, 'small-sll.pcap');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is registered with usage text', () => {
    assert.match(exportCommand.usage, /--bpf EXPR/);
  });

  it('refuses bad usage with exit code 2', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run([small])).code, 2);
    assert.match((await run([small, '--start', 'yesterday', '-o', out('x.pcap')])).stderr, /--start takes Unix milliseconds/);
    assert.equal((await run([small, '--start', '5', '--end', '4', '-o', out('x.pcap')])).code, 2);
  });

  it('shows where a filter is wrong', async () => {
    const r = await run([small, '--bpf', 'tcp and port', '-o', out('bad.pcap')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid BPF filter at offset 12: expression ends after 'port'/);
    assert.match(r.stderr, /\n {2}tcp and port\n {14}\^\n/);
    assert.equal(existsSync(out('bad.pcap')), false);
  });

  it('a filtered single file is byte-identical to tcpdump', async () => {
    const r = await run([small, '--bpf', 'tcp port 8081 or port 50051', '-o', out('ours.pcap')]);
    assert.equal(r.code, 0, r.stderr);
    execFileSync('tcpdump', ['-r', small, '-w', out('theirs.pcap'), 'tcp port 8081 or port 50051'], { stdio: 'ignore' });
    assert.ok(readFileSync(out('ours.pcap')).equals(readFileSync(out('theirs.pcap'))));
  });

  it('merges link types into pcapng and keeps only the window', async () => {
    const times = tshark(small, ['frame.time_epoch']).map(([t]) => Number(t!.split('.')[0]) * 1000 + Number(t!.split('.')[1]!.slice(0, 3)));
    const start = times[100]!;
    const end = times[600]!;
    const r = await run([small, sll, '--start', String(start), '--end', String(end), '-o', out('merged.pcapng')]);
    assert.equal(r.code, 0, r.stderr);
    const rows = tshark(out('merged.pcapng'), ['frame.encap_type', 'frame.time_epoch']);
    const inWindow = (file: string) => tshark(file, ['frame.time_epoch']).filter(([t]) => {
      const ms = Number(t!.split('.')[0]) * 1000 + Number(t!.split('.')[1]!.slice(0, 3));
      return ms >= start && ms <= end;
    }).length;
    assert.equal(rows.length, inWindow(small) + inWindow(sll));
    assert.deepEqual(new Set(rows.map((x) => x[0])), new Set(['1', '25']));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  });

  it('exports what precedes damage, names file and offset, exits 1', async () => {
    const cut = out('cut.pcap');
    writeFileSync(cut, readFileSync(small).subarray(0, 50_000));
    const r = await run([cut, '-o', out('from-cut.pcap')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`warning: ${cut.replace(/[.]/g, '\\.')}: .* at byte offset \\d+`));
    const expected = tshark(cut, ['frame.number']).length;
    assert.equal(tshark(out('from-cut.pcap'), ['frame.number']).length, expected);
  });
});
