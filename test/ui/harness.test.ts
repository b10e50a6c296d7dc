// The UI harness's own evidence: a workbench opens the fixture folder with the extension loaded,
// a file opens through Quick Open, a command runs from the palette, and a screenshot is saved.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Workbench } from './support/workbench';

describe('UI harness', () => {
  it('opens a file, runs a palette command and takes a screenshot', async () => {
    const workbench = await Workbench.open();
    await workbench.openFile('errors.kfl');
    await workbench.runCommand('View: Toggle Word Wrap');
    // The command's effect is visible in the palette's "recently used" list.
    await workbench.page.keyboard.press('F1');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'recently used' }).first().waitFor();
    await workbench.page.keyboard.press('Escape');
    assert.ok(existsSync(await workbench.screenshot('ui-harness')));
    await workbench.close();
  });
});
