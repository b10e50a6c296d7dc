// The harness's own evidence: the suite runs inside a real VS Code with this extension loaded, and
// a failing test makes the whole run fail (run-tests.mjs checks that with KUBESHARK_HARNESS_FAIL=1).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support/extension';

describe('harness', () => {
  it('runs inside a real VS Code extension host with the extension under development', async () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('fails when KUBESHARK_HARNESS_FAIL=1 (proof that a failing test fails the run)', () => {
    assert.notEqual(process.env.KUBESHARK_HARNESS_FAIL, '1', 'forced failure');
  });
});
