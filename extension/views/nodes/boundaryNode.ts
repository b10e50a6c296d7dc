/** The raw-capture window of one node, or of the whole Hub (get_data_boundaries, §5.2). */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { type TimeWindow } from '../../client/model';
import { formatDuration } from '../../time/boundaries';
import { compactWindow } from '../../time/display';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface BoundaryNode {
  readonly kind: 'boundary';
  /** The node's name; undefined for the whole Hub. */
  readonly node?: string;
  readonly window?: TimeWindow;
}

export const boundaryItem: ItemBuilder<BoundaryNode> = (node, context) => {
  const label = node.node ?? 'All nodes';
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `boundary:${node.node ?? '*'}`;
  item.description = node.window ? compactWindow(node.window, context.zone, context.now) : 'no data';
  item.iconPath = new vscode.ThemeIcon(node.node === undefined ? 'calendar' : 'server');
  item.tooltip = fieldsTooltip(`${label}: raw capture available`, node.window
    ? [['Oldest', formatLocalWithUtc(node.window.start, context.zone, context.now)], ['Newest', formatLocalWithUtc(node.window.end, context.zone, context.now)], ['Span', formatDuration(node.window.end - node.window.start)]]
    : [['Data', 'none']]);
  item.contextValue = 'boundary';
  return item;
};
