/** A dissection of a snapshot with its progress (§4.6), polled while it runs. */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { dissectionCompleted, type DissectionInfo } from '../../client/model';
import { formatCount, plural } from '../../util/format';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface DissectionNode {
  readonly kind: 'dissection';
  readonly key: string;
  readonly name: string;
}

function icon(d: DissectionInfo): vscode.ThemeIcon {
  if (dissectionCompleted(d)) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (d.status === 'failed') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (d.status === 'cancelled') return new vscode.ThemeIcon('circle-slash');
  return new vscode.ThemeIcon('sync~spin');
}

export const dissectionItem: ItemBuilder<DissectionNode> = (node, context) => {
  const dissections = context.model.entry(node.key)?.dissections;
  const d = dissections?.state === 'loaded' ? dissections.value.find((x) => x.name === node.name) : undefined;
  const item = new vscode.TreeItem(`Dissection "${node.name}"`, vscode.TreeItemCollapsibleState.None);
  item.id = `snapshot:${node.key}/dissection:${node.name}`;
  if (!d) return item;
  const progress = !dissectionCompleted(d) && d.progress !== undefined ? ` ${d.progress}%` : '';
  item.description = [`${d.status}${progress}`, d.entryCount === undefined ? undefined : plural(d.entryCount, 'call')].filter(Boolean).join(' · ');
  item.iconPath = icon(d);
  item.contextValue = `dissection.${dissectionCompleted(d) ? 'completed' : d.status}`;
  const counts = d.protocolCounts ? Object.entries(d.protocolCounts).map(([p, n]) => `${p} ${formatCount(n)}`).join(', ') : undefined;
  item.tooltip = fieldsTooltip(`Dissection "${d.name}"`, [
    ['Status', d.status],
    ['Progress', d.progress === undefined ? undefined : `${d.progress}%`],
    ['Calls', d.entryCount === undefined ? undefined : formatCount(d.entryCount)],
    ['Protocols', counts],
    ['Started', d.startedAt === undefined ? undefined : formatLocalWithUtc(d.startedAt, context.zone, context.now)],
    ['Completed', d.completedAt === undefined ? undefined : formatLocalWithUtc(d.completedAt, context.zone, context.now)],
    ['Problems', d.errors.join('; ')],
  ]);
  return item;
};
