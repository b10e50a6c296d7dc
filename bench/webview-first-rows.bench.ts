// Query → first rows painted in the call list, in the real VS Code (code-server in Chromium)
// against the embedded local Hub, for 1,000 and 100,000 calls: the person's path — type a filter
// in the list's bar and press Enter (the language server checks it, the host calls
// list_api_calls for the first page, the rows go to the webview, the grid draws them, a frame is
// painted). The webview measures it with User Timing (`kubeshark:query` → `kubeshark:first-rows`).
// Peer, side by side: the raw list_api_calls HTTP request for the same first page (same filter,
// limit, format and order) to a second local Hub process on the same captures.
//
//   npm run bench -- webview-first-rows
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { type Frame, type Page } from 'playwright-core';
import { REPO_ROOT } from '../test/support/paths';
import { writeManyCalls } from '../test/support/syntheticCalls';
import { launchBrowser, remoteUri, workbenchUrl } from '../test/ui/support/browser';

const SIZES = [1000, 100_000];
const WARMUP = 3;
const RUNS = 20;
/** What the call list asks for first (extension/webviews/calls/callPager.ts: FIRST_PAGE, full format, time order). */
const FIRST_PAGE = { limit: 200, format: 'full', order: 'asc' };
const FILTERS = ['http', 'http && status_code >= 0'];
const TIMEOUT_MS = 5 * 60_000;

interface Hub {
  url: string;
  token: string;
  process: ChildProcess;
}

const step = (text: string): void => console.log(`  … ${text}`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function startHub(captures: string, state: string): Promise<Hub> {
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'hub', '--captures', captures, '--state', state, '--port', '0'], {
    env: { ...process.env, LOCAL_HUB_TOKEN: token }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const ready = JSON.parse(line) as { event?: string; port?: number };
    if (ready.event === 'ready') return { url: `http://127.0.0.1:${ready.port}`, token, process: child };
  }
  throw new Error('the local Hub ended before it was ready');
}

async function listCalls(hub: Hub, kfl: string, extra: Record<string, unknown> = {}): Promise<{ total: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${hub.url}/api/mcp/tools/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kubeshark-Authorization': hub.token, 'X-Kubeshark-Capture': 'ignore' },
    body: JSON.stringify({ name: 'list_api_calls', arguments: { kfl, ...extra } }),
  });
  const body = JSON.parse(await response.text()) as { total?: number };
  return { total: body.total ?? -1, ms: performance.now() - started };
}

/** Live data is indexed in the background when a Hub starts; no event says when it is done. */
async function untilIndexed(hub: Hub, size: number): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await listCalls(hub, 'http', { limit: 1 })).total !== size) {
    if (Date.now() > deadline) throw new Error(`the bench Hub did not index ${size} calls in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function callListFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    for (const frame of page.frames()) {
      if (/^(active|pending)-frame$/.test(frame.name()) && (await frame.title().catch(() => '')) === 'API calls · Live traffic') return frame;
    }
    if (Date.now() > deadline) throw new Error('the call list did not open');
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => undefined);
  }
}

/** Types a filter in the bar and presses Enter; resolves with the webview's query → first rows painted time. */
async function firstRows(frame: Frame, kfl: string): Promise<number> {
  await frame.evaluate(() => performance.clearMeasures('kubeshark:first-rows'));
  const input = frame.locator('.filter-input');
  await input.fill(kfl);
  await input.press('Enter');
  await frame.waitForFunction(() => performance.getEntriesByName('kubeshark:first-rows').length > 0, undefined, { timeout: TIMEOUT_MS });
  return frame.evaluate(() => performance.getEntriesByName('kubeshark:first-rows')[0]!.duration);
}

async function main(): Promise<void> {
  const setup = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'vscode', 'setup.mjs')).href) as { ensureVsCode(o: { log: (l: string) => void }): { node: string; codeServerEntry: string } };
  const codeServer = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'vscode', 'codeServer.mjs')).href) as { startCodeServer(o: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }> };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-webview-'));
  const server = await codeServer.startCodeServer({ ...setup.ensureVsCode({ log: () => undefined }), scratch: path.join(scratch, 'code-server'), smokeTestDriver: true });
  const browser = await launchBrowser();
  const results: Record<string, unknown>[] = [];
  try {
    for (const size of SIZES) {
      const folder = path.join(scratch, `workspace-${size}`);
      mkdirSync(path.join(folder, 'captures'), { recursive: true });
      mkdirSync(path.join(folder, '.vscode'));
      writeFileSync(path.join(folder, '.vscode', 'settings.json'), '{ "kubeshark.timeZone": "UTC" }\n');
      writeManyCalls(path.join(folder, 'captures', 'many.pcap'), size);
      const hub = await startHub(path.join(folder, 'captures'), path.join(scratch, `state-${size}`));
      try {
        await untilIndexed(hub, size);
        step(`${size}: the bench's Hub has indexed the calls; opening the workbench`);
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(workbenchUrl(server.url, folder, [['extensionDevelopmentPath', remoteUri(server.url, REPO_ROOT)]]));
        await page.locator('.activitybar .action-item a[aria-label^="Kubeshark"]').click({ timeout: TIMEOUT_MS });
        await page.locator('.pane-body .monaco-list-row', { hasText: 'All nodes' }).waitFor({ timeout: TIMEOUT_MS });
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>Kubeshark: Open API Call List');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kubeshark: Open API Call List' }).first().click();
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Live traffic' }).first().click();
        const frame = await callListFrame(page);
        step(`${size}: the call list is open`);
        // The workbench's own Hub indexes the same files; wait until its list sees them all.
        const expected = `of ${size.toLocaleString('en-US')} loaded`;
        for (const deadline = Date.now() + TIMEOUT_MS; !(await frame.locator('.status-text').innerText()).includes(expected);) {
          if (Date.now() > deadline) throw new Error(`the workbench's Hub did not index ${size} calls in time`);
          await firstRows(frame, 'http');
        }
        step(`${size}: the workbench's Hub lists every call; measuring`);
        const ours: number[] = [];
        const peer: number[] = [];
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const kfl = FILTERS[i % FILTERS.length]!;
          const a = await firstRows(frame, kfl);
          const b = (await listCalls(hub, kfl, FIRST_PAGE)).ms;
          if (i >= WARMUP) {
            ours.push(a);
            peer.push(b);
          }
        }
        const row = {
          calls: size, runs: RUNS,
          oursP50: percentile(ours, 50), oursP95: percentile(ours, 95), peerP50: percentile(peer, 50), peerP95: percentile(peer, 95),
        };
        results.push(row);
        console.log(`${size.toLocaleString('en-US')} calls: first rows painted p50 ${row.oursP50.toFixed(0)} ms, p95 ${row.oursP95.toFixed(0)} ms; raw list_api_calls p50 ${row.peerP50.toFixed(0)} ms, p95 ${row.peerP95.toFixed(0)} ms; ratio p50 ${(row.oursP50 / row.peerP50).toFixed(2)}`);
        await context.close();
      } finally {
        hub.process.kill();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, 'bench', 'results', 'webview-first-rows.json'), `${JSON.stringify({ date: new Date().toISOString(), warmup: WARMUP, results }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
