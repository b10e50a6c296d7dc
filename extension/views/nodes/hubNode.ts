/** The Hub: which one, its state and version; its children are the data boundaries per node. */
import * as vscode from 'vscode';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { lackedCapabilities } from '../../client/check';
import { type ConnectionState } from '../../connection/hubConnection';
import { fieldsTooltip } from './markdown';
import { type ItemBuilder } from './treeNode';

export interface HubNode {
  readonly kind: 'hub';
}

export const HUB_NODE: HubNode = { kind: 'hub' };

const STATE_TEXT: Readonly<Record<string, string>> = {
  idle: 'not connected', starting: 'starting…', connecting: 'connecting…', stopped: 'stopped',
  ok: 'connected', degraded: 'connected, some tools missing', unreachable: 'unreachable', auth_required: 'needs a token',
  forbidden: 'forbidden', not_a_hub: 'not a Hub', unsupported_hub: 'unsupported Hub version', failed: 'failed',
};

function hubStateText(state: ConnectionState): string {
  const key = state.phase === 'connected' || state.phase === 'failed' ? state.status?.state ?? state.phase : state.phase;
  return STATE_TEXT[key] ?? key;
}

export const hubItem: ItemBuilder<HubNode> = (_node, context) => {
  const state = context.hub.connection.state;
  const target = state.target;
  const status = state.status;
  const label = target?.kind === 'local' ? 'Local Hub' : status?.hub?.name || target?.baseUrl || 'Hub';
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = 'hub';
  const version = status?.hub?.version ? `v${status.hub.version} · ` : '';
  item.description = `${version}${hubStateText(state)}`;
  item.iconPath = new vscode.ThemeIcon(
    state.phase === 'connected' ? (status?.state === 'degraded' ? 'warning' : 'radio-tower') : state.phase === 'failed' ? 'debug-disconnect' : 'sync~spin',
  );
  item.tooltip = fieldsTooltip(label, [
    ['State', hubStateText(state)],
    ['URL', target?.kind === 'local' ? target.baseUrl : target?.baseUrl],
    ['Captures', target?.kind === 'local' ? `${target.captures.path} (${target.captures.origin})` : undefined],
    ['Version', status?.hub?.version],
    ['Tools', status ? String(status.toolCount) : undefined],
    ['Missing core tools', status?.missingCoreTools.join(', ')],
    // Why some snapshot commands are greyed out: the token's role does not allow them.
    ['Not allowed for this token', lackedCapabilities(status).join(', ')],
    ['Live dissection', status?.dissectionEnabled === undefined ? undefined : status.dissectionEnabled ? 'on' : 'off'],
    ['Authentication', status?.auth],
    ['Checked', status ? formatLocalWithUtc(status.checkedAt, context.zone, context.now) : undefined],
    ['Error', state.error?.message],
  ]);
  item.contextValue = `hub.${target?.kind ?? 'none'}`;
  return item;
};
