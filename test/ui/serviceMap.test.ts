// Flows, comparison and findings as a person uses them, in the real VS Code in Chromium, on the
// incident scenario: two snapshots made from the palette (one capture node each), Compare
// Snapshots… on both selected in the tree (the rows are read from the webview's grid), Show
// Service Map… (the SVG is read: every node drawn once, none overlapping, the external address
// marked, an edge click opens its calls), Find Anomalies… against the baseline (the Findings
// tree). Screenshots for the README (docs/images/) with KUBESHARK_UPDATE_DOCS_IMAGES=1.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { type Locator } from 'playwright-core';
import { EXTERNAL_IP, SECRET_TOKEN, WORKLOAD, writeIncidentScenario } from '../support/incidentScenario';
import { uiWorkspace } from './support/uiWorkspace';
import { Workbench } from './support/workbench';

const UI_TIMEOUT_MS = 60_000;





describe('Flows, comparison and findings (UI)', function () {
  this.timeout(400_000);
  let folder: string;
  before(() => {
    folder = uiWorkspace('flows', { 'kubeshark.timeZone': 'UTC', 'kubeshark.hub.url': '', 'kubeshark.hub.captureFolder': '' }, writeIncidentScenario);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('compares two snapshots, draws the service map and lists the findings', async () => {
    const workbench = await Workbench.open({ folder });
    const page = workbench.page;
    const quickInput = page.locator('.quick-input-widget');
    const input = quickInput.locator('input.input');
    const title = (text: RegExp): Locator => quickInput.locator('.quick-input-title', { hasText: text });
    const rows = page.locator('.pane-body .monaco-list-row');
    const leaked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(EXTERNAL_IP)) leaked.push(request.url());
    });

    await page.locator('.activitybar .action-item a[aria-label^="Kubeshark"]').click({ timeout: UI_TIMEOUT_MS });
    // A wider side bar, so finding titles fit the screenshots.
    await workbench.widenSideBar(200);
    await rows.filter({ hasText: 'All nodes' }).waitFor({ timeout: UI_TIMEOUT_MS });

    // One snapshot per capture node: Create Snapshot…, name, only that node, the whole window.
    for (const [name, other] of [['baseline', 'incident'], ['incident', 'baseline']] as const) {
      await page.keyboard.press('F1');
      await input.fill('>Kubeshark: Create Snapshot');
      await quickInput.locator('.monaco-list-row', { hasText: 'Kubeshark: Create Snapshot…' }).first().click();
      await title(/1\/3/).waitFor();
      await input.fill(name);
      await page.keyboard.press('Enter');
      await title(/2\/3/).waitFor();
      // A click on a row of a many-choice pick toggles it: the other node is left out.
      await quickInput.locator('.monaco-list-row', { hasText: other }).first().click();
      await quickInput.locator('.quick-input-count', { hasText: '1 Selected' }).waitFor();
      await page.keyboard.press('Enter');
      await title(/3\/3/).waitFor();
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: name }).locator('.codicon-pass-filled').first().waitFor({ timeout: UI_TIMEOUT_MS });
    }
    // The Hub view lists the capture nodes under the same names: the snapshots are in their own pane.
    const snapshotRows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Snapshots' }) }).locator('.monaco-list-row');
    const baselineRow = snapshotRows.filter({ hasText: /^baseline/ }).first();
    const incidentRow = snapshotRows.filter({ hasText: /^incident/ }).first();

    // Both selected, Compare Snapshots… from the context menu.
    await incidentRow.click();
    await baselineRow.click({ modifiers: ['Control'] });
    await baselineRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-label', { hasText: 'Compare Snapshots…' }).waitFor();
    await workbench.settled('.context-view');
    await menu.locator('.action-label', { hasText: 'Compare Snapshots…' }).click();
    const compare = await workbench.webview('Compare · baseline → incident', UI_TIMEOUT_MS);
    await compare.locator('.grid-row', { hasText: 'sock-shop/orders → sock-shop/payment' }).first().waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    const top = (await compare.locator('.grid-row').allInnerTexts()).slice(0, 4).join('\n');
    for (const label of ['sock-shop/orders → sock-shop/payment', 'sock-shop/front-end → sock-shop/catalogue', 'POST /paymentAuth', 'GET /catalogue/{id}']) assert.ok(top.includes(label), `${label} among the first rows`);
    assert.match(top, /error rate 0\.0 % → \d+\.\d %/);
    const added = await compare.locator('.change-list[data-table=added]').innerText();
    for (const item of [EXTERNAL_IP, 'www.google.com', 'curl/8.5.0', `${WORKLOAD.rogue} → ${EXTERNAL_IP}`]) assert.ok(added.includes(item), item);
    await workbench.docScreenshot('compare-snapshots');

    // The service map of the incident.
    await incidentRow.click();
    await incidentRow.click({ button: 'right' });
    await menu.locator('.action-label', { hasText: 'Show Service Map…' }).waitFor();
    await workbench.settled('.context-view');
    await menu.locator('.action-label', { hasText: 'Show Service Map…' }).click();
    const map = await workbench.webview('Service Map · incident', UI_TIMEOUT_MS);
    await map.locator('.status-text', { hasText: / nodes · / }).waitFor({ timeout: UI_TIMEOUT_MS });
    const drawn = await map.evaluate(() => {
      const boxes = [...document.querySelectorAll('.node rect')].map((r) => r.getBoundingClientRect());
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
      }
      return {
        nodes: document.querySelectorAll('.node').length, edges: document.querySelectorAll('.edge').length, overlaps,
        labels: [...document.querySelectorAll('.node .label')].map((t) => t.textContent ?? ''),
        external: [...document.querySelectorAll('.node-external .label')].map((t) => t.textContent ?? ''),
        status: document.querySelector('.status-text')?.textContent ?? '',
      };
    });
    assert.match(drawn.status, new RegExp(`^${drawn.nodes} nodes · ${drawn.edges} edges`));
    assert.equal(drawn.overlaps, 0);
    assert.deepEqual(drawn.external, [EXTERNAL_IP]);
    for (const label of [WORKLOAD.rogue, WORKLOAD.catalogue, WORKLOAD.debug]) assert.ok(drawn.labels.includes(label), label);
    await workbench.docScreenshot('service-map');
    await map.locator('.edge', { has: map.locator('title', { hasText: `→ ${WORKLOAD.catalogue}` }) }).first().click({ force: true });
    const calls = await workbench.webview('API calls · incident', UI_TIMEOUT_MS);
    await calls.locator('.grid-row', { hasText: '/catalogue/' }).first().waitFor({ timeout: UI_TIMEOUT_MS });

    // Find Anomalies… against the baseline.
    await incidentRow.click({ button: 'right' });
    await menu.locator('.action-label', { hasText: 'Find Anomalies…' }).waitFor();
    await workbench.settled('.context-view');
    await menu.locator('.action-label', { hasText: 'Find Anomalies…' }).click();
    // The snapshot named baseline, not "No baseline".
    await quickInput.locator('.monaco-list-row', { hasText: /^baseline/ }).first().click({ timeout: UI_TIMEOUT_MS });
    const finding = rows.filter({ hasText: `New external destination ${EXTERNAL_IP}` }).first();
    await finding.waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    await rows.filter({ hasText: `Plaintext credential (header authorization)` }).first().click();
    await page.keyboard.press('ArrowRight');
    await rows.filter({ hasText: 'Value: Bearer ••• (' }).first().waitFor();
    const text = (await page.locator('.pane-body').allInnerTexts()).join('\n');
    // The Hub and Snapshots panes folded, so the findings fill the side bar of the screenshot.
    for (const pane of ['Hub', 'Snapshots']) await page.locator('.pane-header', { hasText: pane }).first().click();
    assert.equal(text.includes(SECRET_TOKEN), false, 'the token is never shown');
    await workbench.docScreenshot('findings');
    assert.deepEqual(leaked, [], 'nothing asked the external address for anything');
  });
});
