/**
 * Which folder the embedded local Hub serves: the `kubeshark.hub.captureFolder` setting (relative
 * paths against the first workspace folder), else a workspace folder's `captures/`, else the
 * sample captures bundled with the extension.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

export interface CaptureFolder {
  readonly path: string;
  /** How it was chosen, for tooltips and the log. */
  readonly origin: 'setting' | 'workspace' | 'samples';
}

export function captureFolder(setting: string, extensionPath: string): CaptureFolder | { problem: string } {
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  if (setting !== '') {
    const expanded = setting.startsWith('~/') ? path.join(os.homedir(), setting.slice(2)) : setting;
    const base = workspaceFolders[0]?.uri.fsPath ?? os.homedir();
    const resolved = path.resolve(base, expanded);
    if (!isFolder(resolved)) return { problem: `The capture folder ${resolved} (setting kubeshark.hub.captureFolder) does not exist` };
    return { path: resolved, origin: 'setting' };
  }
  for (const folder of workspaceFolders) {
    const candidate = path.join(folder.uri.fsPath, 'captures');
    if (folder.uri.scheme === 'file' && isFolder(candidate)) return { path: candidate, origin: 'workspace' };
  }
  return { path: path.join(extensionPath, 'samples', 'captures'), origin: 'samples' };
}

function isFolder(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
