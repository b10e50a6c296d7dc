// PCAP download through the extension's Hub client (undici, streamed to a temporary file and
// renamed), side by side with curl fetching the same export from the same local Hub. Alternating
// runs, median of 5, on a snapshot of big.pcap and of its 4× copy; peak memory of a fresh process
// doing one download (VmHWM), which must stay flat in the file size. Writes
// bench/results/extension-download.json.
//
//   npm run bench -- extension-download     (needs big.pcap: see bench/hub-captures.ts)
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HubClient } from '../extension/client/hubClient';
import { LocalHubProcess } from '../extension/client/localHub';
import { type HubLogger } from '../extension/client/log';
import { HubTools } from '../extension/client/tools';
import { BENCH_DIR, enlarged, median, requireCapture, seconds } from './hub-captures';

const ROUNDS = 5;
const quiet: HubLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const root = path.resolve(__dirname, '..', '..');

/** Child mode: one download in a fresh process, then its peak resident set size. */
async function child(baseUrl: string, token: string, hubPath: string, out: string): Promise<void> {
  const client = new HubClient({ baseUrl, credentials: () => ({ token }), log: quiet });
  await client.download(hubPath, out);
  await client.dispose();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  process.stdout.write(`${Number(hwm) * 1024}\n`);
}

/** The export path of a completed snapshot of one node (polling the snapshot: no event exists). */
async function exportPath(tools: HubTools, node: string): Promise<string> {
  const { value } = await tools.createSnapshot({ name: node, nodes: [node] });
  for (let s = await tools.getSnapshot(value.key); s.status === 'in_progress'; s = await tools.getSnapshot(value.key)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (await tools.exportPcap({ snapshot: value.key })).value.path;
}

async function main(): Promise<void> {
  const small = requireCapture('big.pcap');
  const large = enlarged(small, 4);
  const scratch = mkdtempSync(path.join(BENCH_DIR, 'download-'));
  const captures = path.join(scratch, 'captures');
  mkdirSync(captures);
  linkSync(small, path.join(captures, 'x1.pcap'));
  linkSync(large, path.join(captures, 'x4.pcap'));
  const hub = await LocalHubProcess.start({ cliPath: path.join(root, 'dist', 'cli.js'), captures, state: path.join(scratch, 'state'), log: quiet, nodePath: process.execPath });
  const client = new HubClient({ baseUrl: hub.baseUrl, credentials: () => ({ token: hub.token }), log: quiet });
  const tools = new HubTools(client);
  const rows: Record<string, number | string>[] = [];
  try {
    for (const node of ['x1', 'x4']) {
      const hubPath = await exportPath(tools, node);
      const out = path.join(scratch, 'out.pcap');
      const ours: number[] = [];
      const curl: number[] = [];
      let bytes = 0;
      for (let round = 0; round < ROUNDS; round++) {
        let start = process.hrtime.bigint();
        bytes = (await client.download(hubPath, out)).bytes;
        ours.push(seconds(start));
        rmSync(out);
        start = process.hrtime.bigint();
        const r = spawnSync('curl', ['-sS', '--fail', '-o', out, '-H', `X-Kubeshark-Authorization: ${hub.token}`, '-H', 'X-Kubeshark-Capture: ignore', `${hub.baseUrl}/api${hubPath}`]);
        curl.push(seconds(start));
        if (r.status !== 0 || statSync(out).size !== bytes) throw new Error(`curl failed: ${r.stderr.toString()}`);
        rmSync(out);
      }
      const peak = spawnSync(process.execPath, [__filename, '--child', hub.baseUrl, hub.token, hubPath, out], { encoding: 'utf8' });
      if (peak.status !== 0) throw new Error(peak.stderr);
      rmSync(out, { force: true });
      const mb = bytes / 1e6;
      rows.push({
        file: node === 'x1' ? 'big.pcap' : 'big-x4.pcap', mb: Math.round(mb), ours_mb_s: Math.round(mb / median(ours)), curl_mb_s: Math.round(mb / median(curl)),
        ratio: Number((median(curl) / median(ours)).toFixed(2)), peak_rss_mb: Math.round(Number(peak.stdout.trim()) / 1e6),
      });
    }
  } finally {
    await client.dispose();
    await hub.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  console.table(rows);
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(root, 'bench', 'results', 'extension-download.json'), `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, load: os.loadavg(), rows }, null, 2)}\n`);
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5]!, process.argv[6]!).catch((e: unknown) => { console.error(e); process.exit(1); });
} else {
  main().catch((e: unknown) => { console.error(e); process.exit(1); });
}
