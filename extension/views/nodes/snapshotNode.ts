/** A snapshot: name, status icon, size, nodes and window in local time; everything in the tooltip. */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { type SnapshotInfo } from '../../client/model';
import { formatDuration } from '../../time/boundaries';
import { compactWindow } from '../../time/display';
import { formatBytes, formatCount, plural } from '../../util/format';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface SnapshotNode {
  readonly kind: 'snapshot';
  readonly key: string;
}

/** `snapshot.<status>.<location>`: what the context menu keys on (package.json `view/item/context`). */
function snapshotContext(s: SnapshotInfo): string {
  const status = s.status === 'completed' || s.status === 'in_progress' || s.status === 'failed' ? s.status : 'other';
  const location = s.location === 'cloud' ? 'cloud' : s.location === 'local+cloud' ? 'localcloud' : 'local';
  return `snapshot.${status}.${location}`;
}

function icon(s: SnapshotInfo): vscode.ThemeIcon {
  if (s.location === 'cloud') return new vscode.ThemeIcon('cloud');
  switch (s.status) {
    case 'completed': return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'in_progress': return new vscode.ThemeIcon('sync~spin');
    case 'failed': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    default: return new vscode.ThemeIcon('question');
  }
}

export const snapshotItem: ItemBuilder<SnapshotNode> = (node, context) => {
  const entry = context.model.entry(node.key);
  const item = new vscode.TreeItem(entry?.snapshot.name ?? node.key, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `snapshot:${node.key}`;
  if (!entry) return item;
  const s = entry.snapshot;
  const parts = [
    s.status === 'completed' ? undefined : s.location === 'cloud' ? 'in cloud' : s.status.replace('_', ' '),
    s.sizeBytes === undefined ? undefined : formatBytes(s.sizeBytes),
    s.nodeCount === undefined ? undefined : plural(s.nodeCount, 'node'),
    s.window ? compactWindow(s.window, context.zone, context.now) : undefined,
  ];
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath = icon(s);
  item.contextValue = snapshotContext(s);
  item.tooltip = fieldsTooltip(s.name, [
    ['Status', s.status],
    ['ID', s.id ?? s.key],
    ['Window', s.window ? `${formatLocalWithUtc(s.window.start, context.zone, context.now)} → ${formatLocalWithUtc(s.window.end, context.zone, context.now)}` : undefined],
    ['Duration', s.durationMs === undefined ? undefined : formatDuration(s.durationMs)],
    ['Created', s.createdAt === undefined ? undefined : formatLocalWithUtc(s.createdAt, context.zone, context.now)],
    ['Size', s.sizeBytes === undefined ? undefined : `${formatBytes(s.sizeBytes)} (${formatCount(s.sizeBytes)} bytes)`],
    ['Packets', s.packetCount === undefined ? undefined : formatCount(s.packetCount)],
    ['Nodes', (entry.details?.state === 'loaded' ? entry.details.value.nodes?.map((n) => n.name).join(', ') : undefined) ?? (s.nodeCount === undefined ? undefined : String(s.nodeCount))],
    ['Location', s.location],
    ['Error', s.error],
    ['Warnings', s.warnings.join('; ')],
    ['Note', entry.pollNote],
  ]);
  return item;
};
