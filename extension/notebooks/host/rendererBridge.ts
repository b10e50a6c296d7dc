/**
 * The host end of renderer messaging (protocol/notebookMessages.ts). The renderer names an output
 * by its key; everything else — the scope of a call, the command of a fix, the file to reveal —
 * is read from that output in the notebook, never from the message. A fix runs only if its
 * command is on the allow-list.
 */
import * as vscode from 'vscode';
import { type NotebookOutput, NotebookRenderer } from '../../../protocol/notebookMessages';
import { type HubFeature } from '../../connection/register';
import { CALL_COMMANDS } from '../../webviews/commandIds';
import { FIX_COMMANDS } from '../run/fixes';
import { findOutput } from './cellOutputs';
import { type KflNotebookController } from './controller';
import { pinCall } from './pinning';

type ToHost = NotebookRenderer.ToHost;

function messageOf(value: unknown): ToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.key !== 'string') return undefined;
  switch (m.type) {
    case 'loadMore':
    case 'openList':
    case 'revealFile':
      return { type: m.type, key: m.key };
    case 'openCall':
    case 'pinCall':
      return typeof m.id === 'string' ? { type: m.type, key: m.key, id: m.id } : undefined;
    case 'runAction':
      return typeof m.index === 'number' && Number.isInteger(m.index) ? { type: 'runAction', key: m.key, index: m.index } : undefined;
    default:
      return undefined;
  }
}

export class RendererBridge implements vscode.Disposable {
  readonly messaging = vscode.notebooks.createRendererMessaging(NotebookRenderer.ID);
  private readonly _subscription: vscode.Disposable;
  private readonly _onDidHandle = new vscode.EventEmitter<{ message: ToHost; notice?: string }>();
  /** A renderer message was handled (tests wait on it). */
  readonly onDidHandle = this._onDidHandle.event;

  constructor(private readonly _hub: HubFeature, private readonly _controller: KflNotebookController) {
    this._subscription = this.messaging.onDidReceiveMessage(({ editor, message }) => {
      const parsed = messageOf(message);
      if (parsed) void this.handle(editor.notebook, parsed).then((notice) => this._reply(editor, parsed, notice));
    });
  }

  /** Does what the message asks; resolves with a notice for the person, if any. */
  async handle(notebook: vscode.NotebookDocument, message: ToHost): Promise<string | undefined> {
    const found = findOutput(notebook, message.key);
    if (!found) return 'This output is gone; run the cell again.';
    const { cell, payload } = found;
    try {
      switch (message.type) {
        case 'loadMore':
          return await this._controller.loadMore(notebook, message.key);
        case 'openList': {
          const calls = payloadAs(payload, 'calls');
          if (!calls) return undefined;
          const scope = calls.scope;
          await vscode.commands.executeCommand(CALL_COMMANDS.open, scope.snapshotId ? { snapshotId: scope.snapshotId, dissection: scope.dissection, kfl: cell.document.getText() } : { live: true, kfl: cell.document.getText() });
          return undefined;
        }
        case 'openCall':
        case 'pinCall': {
          const calls = payloadAs(payload, 'calls');
          if (!calls?.rows.some((r) => r.id === message.id)) return 'That call is not in this output.';
          if (message.type === 'openCall') {
            await vscode.commands.executeCommand(CALL_COMMANDS.showDetails, { id: message.id, snapshotId: calls.scope.snapshotId, dissection: calls.scope.dissection });
            return undefined;
          }
          await pinCall(this._hub, cell, calls.scope, message.id);
          return `Pinned ${message.id} to the report`;
        }
        case 'runAction': {
          const action = payloadAs(payload, 'error')?.actions[message.index];
          if (!action || !FIX_COMMANDS.has(action.command)) return 'That action is not available.';
          await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
          return undefined;
        }
        case 'revealFile': {
          const exported = payloadAs(payload, 'pcap');
          if (!exported) return undefined;
          const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
          await vscode.commands.executeCommand(desktop ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(exported.file));
          return undefined;
        }
      }
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  private _reply(editor: vscode.NotebookEditor, message: ToHost, notice: string | undefined): void {
    this._onDidHandle.fire({ message, notice });
    if (notice) void this.messaging.postMessage({ type: 'notice', key: message.key, message: notice } satisfies NotebookRenderer.ToRenderer, editor);
  }

  dispose(): void {
    this._subscription.dispose();
    this._onDidHandle.dispose();
  }
}

function payloadAs<K extends NotebookOutput.Payload['kind']>(payload: NotebookOutput.Payload, kind: K): Extract<NotebookOutput.Payload, { kind: K }> | undefined {
  return payload.kind === kind ? (payload as Extract<NotebookOutput.Payload, { kind: K }>) : undefined;
}
