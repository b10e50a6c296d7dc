/**
 * The node kinds of the Hub and Snapshots views, one file each (style practice 16). A node holds
 * only what identifies it; its item is built from the current model when VS Code asks, so one
 * node object stays valid across refreshes and a change can name exactly the node that changed.
 */
import type * as vscode from 'vscode';
import { type HubFeature } from '../../connection/register';
import { type SnapshotsModel } from '../../snapshots/snapshotsModel';
import { type BoundaryNode } from './boundaryNode';
import { type CloudNode } from './cloudNode';
import { type DissectionNode } from './dissectionNode';
import { type HubNode } from './hubNode';
import { type MessageNode } from './messageNode';
import { type SnapshotMemberNode } from './snapshotMemberNode';
import { type SnapshotNode } from './snapshotNode';

export type TreeNode = HubNode | BoundaryNode | SnapshotNode | SnapshotMemberNode | DissectionNode | CloudNode | MessageNode;

/** What item builders read: the model, the connection and the clock/zone of this render. */
export interface RenderContext {
  readonly hub: HubFeature;
  readonly model: SnapshotsModel;
  readonly zone: string;
  readonly now: number;
}

export type ItemBuilder<N extends TreeNode> = (node: N, context: RenderContext) => vscode.TreeItem;
