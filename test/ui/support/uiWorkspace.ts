/**
 * A workspace folder for a UI suite: `captures/` (the embedded local Hub's default folder), filled
 * by the suite, and `.vscode/settings.json` with the suite's settings. The folder's own settings
 * win over user settings an earlier suite on the same code-server may have left, so a suite that
 * depends on the zone or the capture folder names them here.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function uiWorkspace(prefix: string, settings: Record<string, unknown>, fill: (captures: string) => void): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `ui-${prefix}-`));
  const captures = path.join(folder, 'captures');
  mkdirSync(captures);
  fill(captures);
  mkdirSync(path.join(folder, '.vscode'));
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return folder;
}
