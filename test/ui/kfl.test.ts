// KFL as a person sees it in the workbench: a .kfl file is in language mode KFL, the server's
// problems are underlined and counted, hovering one shows the spec's message, and the language
// status item says the server is working.
import assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('KFL in the workbench (UI)', () => {
  it('underlines the problems of a .kfl file and explains them on hover', async () => {
    const workbench = await Workbench.open();
    const editor = await workbench.openFile('errors.kfl');
    const page = workbench.page;
    await page.locator('.statusbar-item', { hasText: /^KFL$/ }).first().waitFor();
    // Two errors: `and` (KFL v1) and `"500"` (int vs string), counted in the status bar too.
    await editor.locator('.squiggly-error').nth(1).waitFor();
    assert.equal(await editor.locator('.squiggly-error').count(), 2);
    await page.locator('.statusbar-item', { hasText: /^\s*2\s+0\s*$/ }).first().waitFor();

    // The caret in `and`, then the editor's own hover command: deterministic, unlike a mouse hover.
    await editor.locator('.view-line span span', { hasText: /^and$/ }).click();
    await workbench.runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'is KFL v1 syntax; KFL2 uses' });
    await hover.waitFor();
    assert.match(await hover.innerText(), /`and` is KFL v1 syntax; KFL2 uses `&&`\.kfl\(kfl\/v1-syntax\)/);
    await workbench.screenshot('kfl-hover');
    await workbench.close();
  });

  it('shows the language server working in the language status item', async () => {
    const workbench = await Workbench.open();
    await workbench.openFile('errors.kfl');
    const page = workbench.page;
    // The language status item lives behind the {} next to the language mode.
    await page.locator('.statusbar-item', { hasText: /^KFL$/ }).first().waitFor();
    await page.locator('.statusbar-item.has-language-status, .statusbar-item[id*="languageStatus"]').first().click();
    const status = page.locator('.language-status-hover, .monaco-hover', { hasText: 'KFL' });
    await status.locator('text=/checked in [0-9.]+ ms · 2 errors, 0 warnings/').waitFor();
    await workbench.screenshot('kfl-language-status');
    await workbench.close();
  });
});
