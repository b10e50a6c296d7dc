import * as vscode from 'vscode';

/** The folder the suite runs in (a scratch copy of test/fixtures/vscode). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host suite needs a workspace folder');
  return folder.uri;
}

export function fileInWorkspace(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), relativePath);
}
