import * as vscode from 'vscode';

/**
 * Resolves with the diagnostics of `uri` once `accept` takes them: checked now and on every
 * `languages.onDidChangeDiagnostics` event for that URI (no polling, no sleeps).
 */
export function diagnosticsOf(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      resolve(current);
      return true;
    };
    if (check()) return;
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && check()) subscription.dispose();
    });
  });
}

/** [code, start line, start character, end line, end character] per diagnostic, for compact assertions. */
export function positioned(diagnostics: readonly vscode.Diagnostic[]): [string, number, number, number, number][] {
  return diagnostics.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}
