// The main job as a person does it, in Chromium: open the Kubeshark view on a folder with
// captures, see the Hub's boundaries, create a snapshot from the palette with the live UTC
// preview, find it completed in the tree, and export a BPF-filtered PCAP from its context menu.
// The screenshots are the README's (docs/images/) when KUBESHARK_UPDATE_DOCS_IMAGES=1.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Locator } from 'playwright-core';
import { PG_PCAP, SMALL_PCAP } from '../support/captures';
import { uiWorkspace } from './support/uiWorkspace';
import { Workbench } from './support/workbench';

const UI_TIMEOUT_MS = 30_000;




describe('Snapshots view (UI)', function () {
  this.timeout(240_000);
  let folder: string;
  before(() => {
    // The default capture folder (`captures/` of the workspace) is what this suite shows.
    folder = uiWorkspace('snapshots', { 'kubeshark.timeZone': 'Asia/Kolkata', 'kubeshark.hub.url': '', 'kubeshark.hub.captureFolder': '' }, (captures) => {
      for (const file of [SMALL_PCAP, PG_PCAP]) copyFileSync(file, path.join(captures, path.basename(file)));
    });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('shows boundaries, creates a snapshot with a UTC preview and exports a filtered PCAP', async () => {
    const workbench = await Workbench.open({ folder });
    const page = workbench.page;
    const quickInput = page.locator('.quick-input-widget');
    const title = (text: string | RegExp): Locator => quickInput.locator('.quick-input-title', { hasText: text });
    const input = quickInput.locator('input.input');

    await page.locator('.activitybar .action-item a[aria-label^="Kubeshark"]').click();
    // A wider side bar, so the tree's descriptions (sizes, windows in local time) fit the screenshots.
    await workbench.widenSideBar(330);
    const rows = page.locator('.pane-body .monaco-list-row');
    await rows.filter({ hasText: 'All nodes' }).waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    await rows.filter({ hasText: 'small' }).first().waitFor();
    assert.match(await rows.filter({ hasText: 'small' }).first().innerText(), /IST \(.*UTC\)/);
    await page.locator('.welcome-view-content', { hasText: 'No snapshots yet' }).waitFor();
    await workbench.docScreenshot('hub-view');

    // Create Snapshot… from the palette: name, nodes (all), window with its live preview.
    await page.keyboard.press('F1');
    await input.fill('>Kubeshark: Create Snapshot');
    await quickInput.locator('.monaco-list-row', { hasText: 'Kubeshark: Create Snapshot…' }).first().click();
    await title(/1\/3/).waitFor();
    await input.fill('checkout-outage');
    await page.keyboard.press('Enter');
    await title(/2\/3/).waitFor();
    await page.keyboard.press('Enter');
    await title(/3\/3/).waitFor();
    const preview = quickInput.locator('.quick-input-message', { hasText: '→' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /IST \(.*UTC\) → .*IST \(.*UTC\).*Covers all the data of the Hub/);
    await workbench.docScreenshot('create-snapshot');
    await page.keyboard.press('Enter');

    const snapshotRow = rows.filter({ hasText: 'checkout-outage' }).first();
    await snapshotRow.locator('.codicon-pass-filled').waitFor({ timeout: UI_TIMEOUT_MS });
    await snapshotRow.click();
    await page.keyboard.press('ArrowRight');
    await rows.filter({ hasText: 'packets' }).first().waitFor();
    await workbench.docScreenshot('snapshots-tree');

    // Export PCAP… from the context menu, with a BPF filter.
    await snapshotRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-label', { hasText: 'Export PCAP…' }).waitFor();
    await workbench.settled('.context-view');
    await workbench.docScreenshot('snapshot-menu');
    await menu.locator('.action-label', { hasText: 'Export PCAP…' }).click();
    await title(/nodes/).waitFor();
    await page.keyboard.press('Enter');
    await title(/sub-window/).waitFor();
    await page.keyboard.press('Enter');
    await title('Export PCAP: filter').waitFor();
    await quickInput.locator('.monaco-list-row', { hasText: 'Type a BPF filter' }).click();
    await title('Export PCAP: BPF filter').waitFor();
    // A typo: the Hub rejects the filter when the export is asked for, and the box comes back with
    // its message and the cursor where the Hub pointed.
    await input.fill('tcp port 6379 or prot 53');
    await page.keyboard.press('Enter');
    const rejected = quickInput.locator('.quick-input-message', { hasText: 'invalid BPF filter at offset 17' });
    await rejected.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await input.evaluate((e: HTMLInputElement) => e.selectionStart), 17);
    await workbench.docScreenshot('export-bpf-error');
    await input.fill('tcp port 6379 or port 53');
    await workbench.docScreenshot('export-bpf');
    await page.keyboard.press('Enter');
    // The save dialog (VS Code's own in the browser) proposes <snapshot>_<UTC window>_<filter>.pcap.
    await title(/^Export PCAP$/).waitFor();
    // The dialog shows the folder first and adds the proposed name a moment later.
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value ?? '').endsWith('.pcap'));
    const proposed = await input.inputValue();
    assert.match(proposed, /checkout-outage_\d{8}T\d{6}Z-\d{8}T\d{6}Z_tcp-port-6379-or-port-53\.pcap$/);
    await page.keyboard.press('Enter');
    const center = await workbench.notifications();
    await center.locator('.notification-list-item', { hasText: 'Exported' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await center.locator('.notification-list-item', { hasText: 'Exporting' }).waitFor({ state: 'detached' });
    await workbench.docScreenshot('export-done');
    const exported = readdirSync(folder).filter((f) => f.endsWith('.pcap'));
    assert.deepEqual(exported, [path.basename(proposed)]);
    assert.ok(existsSync(path.join(folder, exported[0]!)));
    await workbench.close();
  });
});
