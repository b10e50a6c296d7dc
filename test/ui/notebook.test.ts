// A KFL notebook in the real VS Code (code-server in Chromium) on the hostile capture: Run All
// through the palette, the renderer shows every captured string as text and runs none of it; then
// Export Report… through the palette and its save dialog; a headless Chromium of its own opens the
// report file offline and every request is recorded: the only one is the file itself (a control
// page with one image proves the recording sees requests). Then the README's tour
// (samples/investigation.kflnb) runs on the sample captures; its screenshots and the report's go
// to docs/images with KUBESHARK_UPDATE_DOCS_IMAGES=1.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Frame, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths';
import { HOSTILE, writeHostileCapture } from '../support/syntheticCalls';
import { launchBrowser } from './support/browser';
import { DOCS_IMAGES, Workbench } from './support/workbench';

const UI_TIMEOUT_MS = 60_000;

const NOTEBOOK = {
  kflnb: 1,
  metadata: { kubeshark: { source: { kind: 'live' } } },
  cells: [
    { kind: 'markdown', value: '# Hostile capture\n\nA link [out](http://127.0.0.1:9/pwned-link) and a picture ![x](http://127.0.0.1:9/pwned-image.png) stay text in the report.' },
    { kind: 'code', language: 'kfl', value: '// every HTTP call\nhttp' },
    { kind: 'code', language: 'kfl', value: '// @stats\n' },
    { kind: 'code', language: 'kfl', value: 'dns' },
  ],
};

/** Resolves when `file` exists (the report is renamed into place when complete). */
function fileAppears(file: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(path.dirname(file), () => {
      if (!existsSync(file)) return;
      watcher.close();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${file} did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    if (existsSync(file)) {
      watcher.close();
      clearTimeout(timer);
      resolve();
    }
  });
}

/** The notebook's output frame once it holds `count` outputs of the renderer (they arrive as cells finish). */
async function outputFrame(page: Page, count: number, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no output frame with ${count} renderer outputs within ${timeoutMs} ms`);
    // Every frame waits for the outputs; frames that appear later are looked at in the next round.
    const waits = page.frames().map((f) => f.waitForFunction((n) => document.querySelectorAll('.kfl-output').length >= n, count, { timeout: Math.min(left, 5000) }).then(() => f));
    const found = await Promise.any(waits).catch(() => undefined);
    if (found) return found;
  }
}

/** Opens `file` in a fresh offline context and returns every URL the page asked for. */
async function requestsOf(browser: Browser, file: string, print = false): Promise<{ urls: string[]; page: Page }> {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  if (print) await page.emulateMedia({ media: 'print' });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { urls, page };
}

describe('KFL notebook (UI)', function () {
  this.timeout(300_000);
  let folder: string;
  let scratch: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'ui-notebook-'));
    mkdirSync(path.join(folder, 'captures'));
    writeHostileCapture(path.join(folder, 'captures'));
    writeFileSync(path.join(folder, 'hostile.kflnb'), `${JSON.stringify(NOTEBOOK, null, 1)}\n`);
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify({ 'kubeshark.timeZone': 'Asia/Kolkata' }, null, 2)}\n`);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'ui-report-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the cells, renders hostile data as text, and exports a report that makes no request', async () => {
    const workbench = await Workbench.open({ folder });
    const page = workbench.page;
    const pwnedRequests: string[] = [];
    page.on('request', (request) => {
      if (/pwned/i.test(request.url()) && !/pwned-(link|image)/.test(request.url())) pwnedRequests.push(request.url());
    });
    await workbench.openFile('hostile.kflnb');
    await page.locator('.notebook-editor').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.notebook-toolbar-container .action-item', { hasText: 'Run All' }).first().click();
    const frame = await outputFrame(page, 3, 4 * UI_TIMEOUT_MS);
    // The hostile capture's five HTTP calls.
    await frame.waitForFunction(() => document.querySelectorAll('.kfl-output.calls tr.call').length >= 5, undefined, { timeout: UI_TIMEOUT_MS });
    const text = await frame.locator('body').innerText();
    assert.ok(text.includes("/api/<script>window.__pwned='path'</script>"), 'a captured path reads literally');
    assert.ok(text.includes('<img src=x onerror=window.__pwned=\'dns\'>'), 'a captured DNS name reads literally');
    assert.ok(text.includes('\\u202E'), 'the RTL override shows as an escape');
    assert.equal(await frame.locator('.kfl-output img, .kfl-output svg, .kfl-output script, .kfl-output iframe, .kfl-output a').count(), 0, 'no element came from captured data');
    assert.ok(await frame.locator('.kfl-output.stats').count() === 1);
    for (const f of page.frames()) {
      const pwned = await f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
      assert.equal(pwned, undefined, `nothing ran in frame ${f.url()}`);
    }
    assert.deepEqual(pwnedRequests, []);
    await workbench.docScreenshot('notebook-hostile');

    // Export Report… from the palette: outputs as they are, into the proposed file beside the notebook.
    const report = path.join(folder, 'hostile-report.html');
    const written = fileAppears(report, 2 * UI_TIMEOUT_MS);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill('>KFL Notebook: Export Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export Report…' }).first().click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export the outputs as they are' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value ?? '').endsWith('hostile-report.html'));
    await page.keyboard.press('Enter');
    await written;
    await workbench.close();

    const browser = await launchBrowser();
    try {
      // The control: one image on a page is one more request, so the recording does see requests.
      const control = path.join(scratch, 'control.html');
      writeFileSync(control, '<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/control.png">');
      assert.equal((await requestsOf(browser, control)).urls.length, 2, 'the control page asks for its image');

      for (const print of [false, true]) {
        const { urls, page: opened } = await requestsOf(browser, report, print);
        assert.deepEqual(urls, [pathToFileURL(report).href], `${print ? 'printing: ' : ''}the report file and nothing else`);
        assert.equal(await opened.title(), 'Hostile capture', 'the notebook\'s first heading');
        const shown = await opened.locator('body').innerText();
        assert.ok(shown.includes("/api/<script>window.__pwned='path'</script>"));
        assert.ok(shown.includes('x (http://127.0.0.1:9/pwned-image.png)') || shown.includes('[image: x (http://127.0.0.1:9/pwned-image.png)]'), 'the picture is text');
        assert.ok(shown.includes(HOSTILE.rtl.replace('\u202E', '\\u202E')));
        if (print) {
          const pdf = await opened.pdf({ format: 'A4' });
          assert.ok(pdf.length > 10_000, 'prints to a PDF');
        }
        await opened.context().close();
      }
    } finally {
      await browser.close();
    }
  });

  it('runs the README\'s tour on the sample captures and exports its report', async () => {
    const samples = path.join(folder, 'tour');
    mkdirSync(samples);
    cpSync(path.join(REPO_ROOT, 'samples'), samples, { recursive: true });
    mkdirSync(path.join(samples, '.vscode'));
    writeFileSync(path.join(samples, '.vscode', 'settings.json'), `${JSON.stringify({ 'kubeshark.timeZone': 'Asia/Kolkata' }, null, 2)}\n`);
    const workbench = await Workbench.open({ folder: samples });
    const page = workbench.page;
    await workbench.openFile('investigation.kflnb');
    await page.locator('.notebook-editor').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.notebook-toolbar-container .action-item', { hasText: 'Run All' }).first().click();
    // Seven cells answer from live data; the last, the evidence cell, asks for its snapshot: once it
    // has, every cell has run. VS Code renders outputs near the view only: go to the last cell.
    const frame = await outputFrame(page, 1, 4 * UI_TIMEOUT_MS);
    await workbench.docScreenshot('notebook-tour');
    // A click on a note (rendered in the output frame) selects its cell, as for a person.
    await frame.locator('h2', { hasText: '1. The overview' }).click();
    // The evidence cell fails (its snapshot is not on this Hub). The toolbar's Go To reveals the
    // failed cell, as a person would reach it; VS Code renders an output only once it is in view.
    // While cells run, Go To reveals the running one; its failed-cell form (the error icon) shows
    // only once nothing runs any more, so wait for that one.
    const goTo = page.locator('.notebook-toolbar-container .action-item:has(.codicon-notebook-state-error)', { hasText: 'Go To' }).first();
    await goTo.waitFor({ timeout: 4 * UI_TIMEOUT_MS });
    await goTo.click();
    await frame.waitForFunction(() => [...document.querySelectorAll('.kfl-output.error')].some((e) => e.textContent?.includes('Snapshot not found')), undefined, { timeout: 4 * UI_TIMEOUT_MS });

    const report = path.join(samples, 'investigation-report.html');
    const written = fileAppears(report, 2 * UI_TIMEOUT_MS);
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').fill('>KFL Notebook: Export Report');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export Report…' }).first().click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export the outputs as they are' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value ?? '').endsWith('investigation-report.html'));
    await page.keyboard.press('Enter');
    await written;
    await workbench.close();
    const browser = await launchBrowser();
    try {
      const { urls, page: opened } = await requestsOf(browser, report);
      assert.deepEqual(urls, [pathToFileURL(report).href]);
      assert.match(await opened.locator('body').innerText(), /37 calls matching/);
      if (process.env.KUBESHARK_UPDATE_DOCS_IMAGES === '1') {
        await opened.locator('h2', { hasText: '2. Errors' }).evaluate((e) => e.scrollIntoView());
        await opened.screenshot({ path: path.join(DOCS_IMAGES, 'notebook-report.png') });
      }
      await opened.context().close();
    } finally {
      await browser.close();
    }
  });
});

