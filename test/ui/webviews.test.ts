// The reading-traffic views in the real VS Code (code-server in Chromium) on a hostile capture:
// the call list, call details and stats render every captured string literally, nothing of it
// runs (page-level probe: no `window.__pwned` in any frame, no request for a "pwned" URL, no
// dialog), bidi and zero-width characters show as escapes. Screenshots for the README
// (docs/images/) with KUBESHARK_UPDATE_DOCS_IMAGES=1.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Frame } from 'playwright-core';
import { HOSTILE, writeHostileCapture, writeManyCalls } from '../support/syntheticCalls';
import { uiWorkspace } from './support/uiWorkspace';
import { Workbench } from './support/workbench';

const UI_TIMEOUT_MS = 60_000;

/** A workspace whose `captures/` (the embedded Hub's default folder) `fill` writes, in Kolkata time. */
function workspace(fill: (captures: string) => void): string {
  return uiWorkspace('webviews', { 'kubeshark.timeZone': 'Asia/Kolkata', 'kubeshark.hub.url': '', 'kubeshark.hub.captureFolder': '' }, fill);
}


/** Runs a palette command that goes on with a quick pick of its own (runCommand waits for the palette to close). */
async function startCommand(workbench: Workbench, title: string): Promise<void> {
  await workbench.page.keyboard.press('F1');
  const input = workbench.page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: UI_TIMEOUT_MS });
}


/** Picks an item of the open quick pick by its label text. */
async function pick(workbench: Workbench, label: string): Promise<void> {
  const row = workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
}

/** Shows the Kubeshark views and waits for the local Hub's nodes (the extension is active and connected). */
async function openKubeshark(workbench: Workbench): Promise<void> {
  await workbench.page.locator('.activitybar .action-item a[aria-label^="Kubeshark"]').click({ timeout: UI_TIMEOUT_MS });
  await workbench.page.locator('.pane-body .monaco-list-row', { hasText: 'All nodes' }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Text of every row element of the call list now in the DOM. */
function rowTexts(frame: Frame): Promise<string[]> {
  return frame.locator('.grid-row').allInnerTexts();
}

describe('Reading traffic (UI)', function () {
  this.timeout(300_000);

  describe('a hostile capture', () => {
    let folder: string;
    before(() => {
      folder = workspace((captures) => writeHostileCapture(captures));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('shows every captured string literally in the list, details and stats, and runs none of it', async () => {
      const workbench = await Workbench.open({ folder });
      const page = workbench.page;
      const pwnedRequests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (request) => {
        if (/pwned/i.test(request.url())) pwnedRequests.push(request.url());
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      await openKubeshark(workbench);
      await startCommand(workbench, 'Kubeshark: Open API Call List');
      await pick(workbench, 'Live traffic');
      const list = await workbench.webview('API calls · Live traffic', UI_TIMEOUT_MS);
      // The local Hub indexes the folder's files for live data when it starts; the view shows them once dissected.
      await list.locator('.grid-row').nth(6).waitFor({ timeout: UI_TIMEOUT_MS });
      const texts = (await rowTexts(list)).join('\n');
      assert.ok(texts.includes("/api/<script>window.__pwned='path'</script>"), 'a path with a script element reads literally');
      assert.ok(texts.includes("/x\"><svg/onload=window.__pwned='svg-path'>"), 'an attribute breakout reads literally');
      assert.ok(texts.includes('<img src=x onerror=window.__pwned=\'dns\'>'), 'a DNS name reads literally');
      assert.ok(texts.includes('\\u202E'), 'the RTL override is shown as an escape');
      assert.ok(texts.includes('\\u200B'), 'the zero-width space is shown as an escape');
      assert.equal(texts.includes('\u202E'), false, 'no raw RTL override reaches the screen');
      assert.equal(await list.locator('.grid-row img, .grid-row svg, .grid-row script, .grid-row iframe, .grid-row a').count(), 0, 'no element came from captured data');
      await workbench.docScreenshot('call-list-hostile');

      // Details of the first HTTP call: headers, cookies, query and both bodies as text.
      await list.locator('.grid-row', { hasText: "/api/<script>" }).dblclick();
      const details = await workbench.webview('Call details', UI_TIMEOUT_MS);
      await details.locator('table.data').first().waitFor({ timeout: UI_TIMEOUT_MS });
      const detailsText = await details.locator('main').innerText();
      for (const payload of [HOSTILE.img, HOSTILE.jsUrl, HOSTILE.script]) assert.ok(detailsText.includes(payload), `details show ${payload} literally`);
      assert.ok(detailsText.includes('__proto__'), 'a __proto__ key of a JSON body is shown as a key');
      assert.ok(detailsText.includes('invoice\\u202Egnp.exe'), 'bidi characters in headers show as escapes');
      assert.equal(await details.locator('main img, main svg, main script, main iframe, main a, main link').count(), 0, 'no element came from captured data');
      await workbench.docScreenshot('call-details-hostile');

      await list.locator('button', { hasText: 'Stats' }).click();
      const stats = await workbench.webview('API stats · Live traffic', UI_TIMEOUT_MS);
      await stats.locator('svg.chart').first().waitFor({ timeout: UI_TIMEOUT_MS });
      const statsText = await stats.locator('main').innerText();
      assert.ok(statsText.includes("/api/<script>window.__pwned='path'</script>") || statsText.includes('<script>'), 'top endpoints show captured paths literally');
      assert.equal(await stats.locator('main img, main script, main iframe, main a').count(), 0);
      await workbench.docScreenshot('stats-hostile');

      // The probe: nothing ran in any frame, nothing was requested, no dialog opened.
      for (const frame of page.frames()) {
        const pwned = await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
        assert.equal(pwned, undefined, `nothing ran in frame ${frame.url()}`);
      }
      assert.deepEqual(pwnedRequests, []);
      assert.deepEqual(dialogs, []);
      await workbench.close();
    });

    it('comes back after a reload of the window with its filter draft, quick filter and rows (panel serializer)', async () => {
      // A folder of its own: VS Code restores the editors a folder had, and this test wants only its own panel.
      const own = workspace((captures) => writeHostileCapture(captures));
      const workbench = await Workbench.open({ folder: own });
      await openKubeshark(workbench);
      await startCommand(workbench, 'Kubeshark: Open API Call List');
      await pick(workbench, 'Live traffic');
      let list = await workbench.webview('API calls · Live traffic', UI_TIMEOUT_MS);
      await list.locator('.grid-row').nth(6).waitFor({ timeout: UI_TIMEOUT_MS });
      await list.locator('.filter-input').fill('dns && status_code != 0');
      await list.locator('.quick-filter').fill('dns');
      assert.equal(await list.locator('.grid-row').count(), 2);
      // Reload Window shuts the workbench down properly (its editors are saved), as a person's reload does.
      await workbench.runCommand('Developer: Reload Window');
      await workbench.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: UI_TIMEOUT_MS });
      list = await workbench.webview('API calls · Live traffic', 2 * UI_TIMEOUT_MS);
      await list.locator('.grid-row').nth(1).waitFor({ timeout: UI_TIMEOUT_MS });
      assert.equal(await list.locator('.filter-input').inputValue(), 'dns && status_code != 0', 'the draft, not yet run');
      assert.equal(await list.locator('.quick-filter').inputValue(), 'dns');
      assert.equal(await list.locator('.grid-row').count(), 2, 'the quick filter applies to the rows fetched again');
      await workbench.close();
      rmSync(own, { recursive: true, force: true });
    });
  });

  describe('themes', () => {
    let folder: string;
    before(() => {
      folder = workspace((captures) => writeHostileCapture(captures));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('draws the stats charts with the theme colours of light, dark and high-contrast themes', async () => {
      const workbench = await Workbench.open({ folder });
      await openKubeshark(workbench);
      await startCommand(workbench, 'Kubeshark: Show API Stats');
      await pick(workbench, 'Live traffic');
      const stats = await workbench.webview('API stats · Live traffic', UI_TIMEOUT_MS);
      await stats.locator('svg.chart rect.series-calls').first().waitFor({ timeout: UI_TIMEOUT_MS });
      const colours = (): Promise<{ bar: string; error: string; text: string; background: string }> => stats.evaluate(() => {
        const style = (selector: string, property: 'fill' | 'color' | 'backgroundColor'): string => getComputedStyle(document.querySelector(selector)!)[property];
        return { bar: style('rect.series-calls', 'fill'), error: style('rect.series-errors', 'fill'), text: style('body', 'color'), background: style('body', 'backgroundColor') };
      });
      const seen: Record<string, Awaited<ReturnType<typeof colours>>> = {};
      const settingsFile = path.join(folder, '.vscode', 'settings.json');
      for (const [kind, theme] of [['light', undefined], ['dark', 'Default Dark Modern'], ['high-contrast', 'Default High Contrast']] as const) {
        if (theme) {
          writeFileSync(settingsFile, `${JSON.stringify({ 'kubeshark.hub.captureFolder': path.join(folder, 'captures'), 'workbench.colorTheme': theme }, null, 2)}\n`);
          // VS Code marks the webview's body with the theme kind once it has applied the theme there.
          await stats.locator(`body.vscode-${kind}`).waitFor({ timeout: UI_TIMEOUT_MS });
        }
        seen[kind] = await colours();
        await workbench.docScreenshot(`api-stats-${kind}`);
      }
      for (const [kind, c] of Object.entries(seen)) {
        assert.notEqual(c.bar, c.background, `${kind}: bars stand out from the background`);
        assert.notEqual(c.error, c.bar, `${kind}: errors differ from calls`);
        assert.notEqual(c.text, c.background, `${kind}: text is readable`);
      }
      assert.notEqual(seen.light!.background, seen.dark!.background, 'the theme reaches the webview');
      await workbench.close();
    });
  });

  describe('100,000 calls', () => {
    let folder: string;
    before(() => {
      folder = workspace((captures) => writeManyCalls(path.join(captures, 'many.pcap'), 100_000));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('opens from a snapshot, sorts, scrolls to the last call with a bounded DOM, and opens its details', async () => {
      const workbench = await Workbench.open({ folder });
      const page = workbench.page;
      await openKubeshark(workbench);
      const quickInput = page.locator('.quick-input-widget');
      await startCommand(workbench, 'Kubeshark: Create Snapshot');
      await quickInput.locator('.quick-input-title', { hasText: /1\/3/ }).waitFor();
      await page.locator('.quick-input-widget input.input').fill('checkout-outage');
      await page.keyboard.press('Enter');
      // One node: no node step; the window's suggestion covers all the data.
      await quickInput.locator('.quick-input-title', { hasText: /3\/3/ }).waitFor();
      await page.keyboard.press('Enter');
      const snapshotRow = page.locator('.pane-body .monaco-list-row', { hasText: 'checkout-outage' }).first();
      await snapshotRow.locator('.codicon-pass-filled').waitFor({ timeout: UI_TIMEOUT_MS });

      // Open API Calls from the snapshot's context menu: the dissection runs first.
      await snapshotRow.click({ button: 'right' });
      // The menu ignores a click that comes right after it opened; hovering focuses the item, Enter runs it.
      await page.locator('.context-view .monaco-menu .action-label', { hasText: 'Open API Calls' }).hover();
      await page.keyboard.press('Enter');
      const list = await workbench.webview('API calls · checkout-outage', 4 * UI_TIMEOUT_MS);
      const status = list.locator('.status-text');
      const input = list.locator('.filter-input');
      await input.fill('http');
      await input.press('Enter');
      await status.filter({ hasText: /of 100,000 loaded/ }).waitFor({ timeout: UI_TIMEOUT_MS });
      const bound = 60;
      assert.ok((await list.locator('.grid-row').count()) <= bound);
      await workbench.docScreenshot('call-list');

      // Sort by status over the loaded rows: the failures first.
      await list.locator('.grid-header-cell', { hasText: 'Status' }).click();
      assert.deepEqual([...new Set((await list.locator('.grid-row .status').allInnerTexts()).slice(0, 5))], ['500']);
      await list.locator('.grid-header-cell', { hasText: 'Time' }).click();
      await status.filter({ hasText: /time ascending/ }).waitFor();

      // Scroll to the end again and again: each time the next page comes, the DOM stays small.
      for (let guard = 0; guard < 1000; guard++) {
        const text = await status.innerText();
        if (/^100,000 of 100,000 loaded/.test(text)) break;
        await list.evaluate(() => {
          const viewport = document.querySelector('.grid-viewport')!;
          viewport.scrollTop = viewport.scrollHeight;
        });
        await list.waitForFunction((before) => document.querySelector('.status-text')?.textContent !== before, text, { timeout: UI_TIMEOUT_MS });
        assert.ok((await list.locator('.grid-row').count()) <= bound, 'the DOM holds only the rows in view');
      }
      await list.evaluate(() => {
        const viewport = document.querySelector('.grid-viewport')!;
        viewport.scrollTop = viewport.scrollHeight;
      });
      const last = list.locator('.grid-row[aria-rowindex="100001"]');
      await last.waitFor({ timeout: UI_TIMEOUT_MS });
      assert.match(await last.innerText(), /\/api\/v1\/items\/99999/);
      assert.ok((await list.locator('.grid-row').count()) <= bound);

      await last.dblclick();
      const details = await workbench.webview('Call details', UI_TIMEOUT_MS);
      await details.locator('.headline', { hasText: '/api/v1/items/99999' }).waitFor({ timeout: UI_TIMEOUT_MS });
      await workbench.docScreenshot('call-details');

      await list.locator('button', { hasText: 'Stats' }).click();
      const stats = await workbench.webview('API stats · checkout-outage', UI_TIMEOUT_MS);
      await stats.locator('svg.chart').first().waitFor({ timeout: UI_TIMEOUT_MS });
      assert.match(await stats.locator('.tiles').innerText(), /100,000/);
      await workbench.docScreenshot('api-stats');
      await workbench.close();
    });
  });
});
