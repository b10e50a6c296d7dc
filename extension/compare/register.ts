/**
 * Compare Snapshots…: from two snapshots selected in the tree, from one (the other is picked),
 * from the palette (both picked), or programmatically with `{a, b}` snapshot keys. Both
 * dissections are found or started first (§5.11).
 */
import * as vscode from 'vscode';
import { Compare, type ScopeInfo } from '../../protocol/webviewMessages';
import { type AnalysisContext, dissectedSnapshot, pickDissected, snapshotArg } from '../flows/analysisContext';
import { reporting } from '../flows/register';
import { ComparePanel } from './comparePanel';

export const COMPARE_COMMAND = 'kubeshark.compare.open';

export interface CompareFeature {
  active(): ComparePanel | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isScope(value: unknown): value is ScopeInfo {
  return isObject(value) && typeof value.label === 'string' && (value.snapshotId === undefined || typeof value.snapshotId === 'string');
}

/** The snapshot keys an invocation names: `{a, b}`, or the clicked tree node and the selection. */
function keysOf(arg: unknown, selection: unknown): string[] {
  if (isObject(arg) && typeof arg.a === 'string' && typeof arg.b === 'string') return [arg.a, arg.b];
  const selected = Array.isArray(selection) ? selection.map(snapshotArg).filter((k): k is string => k !== undefined) : [];
  const clicked = snapshotArg(arg);
  const keys = [...new Set([...selected, ...(clicked ? [clicked] : [])])];
  return keys.length > 2 ? keys.slice(0, 2) : keys;
}

export function registerCompare(extension: vscode.ExtensionContext, context: AnalysisContext): CompareFeature {
  extension.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(Compare.viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        if (isObject(state) && isScope(state.a) && isScope(state.b)) ComparePanel.revive(context, panel, { a: state.a, b: state.b });
        else panel.dispose();
      },
    }),
    vscode.commands.registerCommand(COMPARE_COMMAND, (arg?: unknown, selection?: unknown) => reporting(context.hub, 'Compare Snapshots', isObject(arg) && typeof arg.a === 'string', async () => {
      const keys = keysOf(arg, selection);
      // The earlier snapshot is the baseline (A) unless the person named the order.
      const a = keys[0] ? await dissectedSnapshot(context, keys[0]) : await pickDissected(context, 'Compare Snapshots: the baseline (A)');
      if (!a) return undefined;
      const b = keys[1] ? await dissectedSnapshot(context, keys[1]) : await pickDissected(context, `Compare '${a.scope.label}' with… (B)`);
      if (!b) return undefined;
      const ordered = !(isObject(arg) && typeof arg.a === 'string') && (a.snapshot?.window?.start ?? 0) > (b.snapshot?.window?.start ?? 0) ? [b, a] : [a, b];
      return ComparePanel.create(context, ordered[0]!.scope, ordered[1]!.scope);
    })),
  );
  return { active: () => ComparePanel.active() };
}
