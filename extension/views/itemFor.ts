import type * as vscode from 'vscode';
import { boundaryItem } from './nodes/boundaryNode';
import { cloudItem } from './nodes/cloudNode';
import { dissectionItem } from './nodes/dissectionNode';
import { hubItem } from './nodes/hubNode';
import { messageItem } from './nodes/messageNode';
import { snapshotMemberItem } from './nodes/snapshotMemberNode';
import { snapshotItem } from './nodes/snapshotNode';
import { type RenderContext, type TreeNode } from './nodes/treeNode';

/** The item of any node kind, dispatched on its discriminant. */
export function itemFor(node: TreeNode, context: RenderContext): vscode.TreeItem {
  switch (node.kind) {
    case 'hub': return hubItem(node, context);
    case 'boundary': return boundaryItem(node, context);
    case 'snapshot': return snapshotItem(node, context);
    case 'snapshotMember': return snapshotMemberItem(node, context);
    case 'dissection': return dissectionItem(node, context);
    case 'cloud': return cloudItem(node, context);
    case 'message': return messageItem(node, context);
  }
}
