/** Command ids of the flows and service map views (package.json `contributes.commands` and `menus`). */
export const FLOW_COMMANDS = {
  open: 'kubeshark.flows.open',
  openServiceMap: 'kubeshark.flows.openServiceMap',
} as const;

/** Commands of a flow row's context menu (`webview/context`, arguments from data-vscode-context). */
export const FLOW_ROW_COMMANDS = {
  exportPcap: 'kubeshark.flows.row.exportPcap',
  openCalls: 'kubeshark.flows.row.openCalls',
} as const;
