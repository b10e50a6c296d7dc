/** Where a query runs when the command was not told: the Hub's live data, or a completed local snapshot. */
import * as vscode from 'vscode';
import { type ScopeInfo } from '../../protocol/webviewMessages';
import { scopeOf, type WebviewContext } from './context';

export async function pickScope(context: WebviewContext, title: string): Promise<ScopeInfo | undefined> {
  await context.hub.connection.ensureConnected();
  const picked = await vscode.window.showQuickPick([
    { label: '$(database) A snapshot…', detail: "A snapshot's dissection (started if there is none yet)", live: false },
    { label: '$(pulse) Live traffic', detail: 'The calls the Hub has dissected live', live: true },
  ], { title, placeHolder: 'Which calls?' });
  if (!picked) return undefined;
  if (picked.live) return scopeOf(undefined, undefined, undefined);
  const snapshot = await context.snapshots.pickSnapshot({
    title, accept: (s) => s.status === 'completed' && s.location !== 'cloud', none: 'No completed local snapshot yet.',
  });
  return snapshot && scopeOf(snapshot.key, 'default', snapshot.name);
}
