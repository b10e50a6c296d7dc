import type * as vscode from 'vscode';

/** An AbortSignal that aborts when the token is cancelled: how VS Code cancellation reaches the Hub client. */
export function abortSignalOf(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
