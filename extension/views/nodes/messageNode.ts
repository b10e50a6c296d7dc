/** An error or note shown as a tree node (style practice 16), optionally with a command to fix it. */
import * as vscode from 'vscode';
import { type ItemBuilder } from './treeNode';

export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly text: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly detail?: string;
  readonly command?: vscode.Command;
}

export function messageNode(id: string, text: string, severity: MessageNode['severity'], extra: Partial<Pick<MessageNode, 'detail' | 'command'>> = {}): MessageNode {
  return { kind: 'message', id, text, severity, ...extra };
}

const ICONS = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info'),
};

export const messageItem: ItemBuilder<MessageNode> = (node) => {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.id}`;
  item.iconPath = ICONS[node.severity];
  item.tooltip = node.detail ?? node.text;
  item.command = node.command;
  item.contextValue = `message.${node.severity}`;
  return item;
};
