/** One capture node inside a snapshot (get_snapshot's `nodes`, §4.5). */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { compactWindow } from '../../time/display';
import { formatBytes, formatCount, plural } from '../../util/format';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface SnapshotMemberNode {
  readonly kind: 'snapshotMember';
  readonly key: string;
  readonly name: string;
}

export const snapshotMemberItem: ItemBuilder<SnapshotMemberNode> = (node, context) => {
  const details = context.model.entry(node.key)?.details;
  const member = details?.state === 'loaded' ? details.value.nodes?.find((n) => n.name === node.name) : undefined;
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
  item.id = `snapshot:${node.key}/node:${node.name}`;
  item.iconPath = new vscode.ThemeIcon('server');
  item.contextValue = 'snapshotMember';
  if (!member) return item;
  item.description = [
    member.packetCount === undefined ? undefined : plural(member.packetCount, 'packet'),
    member.sizeBytes === undefined ? undefined : formatBytes(member.sizeBytes),
    member.window ? compactWindow(member.window, context.zone, context.now) : undefined,
  ].filter(Boolean).join(' · ');
  item.tooltip = fieldsTooltip(node.name, [
    ['First packet', member.window ? formatLocalWithUtc(member.window.start, context.zone, context.now) : undefined],
    ['Last packet', member.window ? formatLocalWithUtc(member.window.end, context.zone, context.now) : undefined],
    ['Packets', member.packetCount === undefined ? undefined : formatCount(member.packetCount)],
    ['Size', member.sizeBytes === undefined ? undefined : formatBytes(member.sizeBytes)],
    ['Files', member.fileCount === undefined ? undefined : String(member.fileCount)],
  ]);
  return item;
};
