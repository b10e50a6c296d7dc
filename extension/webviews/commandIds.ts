/** Command ids of the reading-traffic views (package.json `contributes.commands` and `menus`). */
export const CALL_COMMANDS = {
  open: 'kubeshark.calls.open',
  runQuery: 'kubeshark.calls.runQuery',
  showStats: 'kubeshark.calls.showStats',
  showDetails: 'kubeshark.calls.showDetails',
} as const;

/** Commands of a call list row's context menu (`webview/context`, arguments from data-vscode-context). */
export const ROW_COMMANDS = {
  details: 'kubeshark.calls.row.details',
  pinDetails: 'kubeshark.calls.row.pinDetails',
  copyKfl: 'kubeshark.calls.row.copyKfl',
  copyCurl: 'kubeshark.calls.row.copyCurl',
  exportPcap: 'kubeshark.calls.row.exportPcap',
  openInNotebook: 'kubeshark.calls.row.openInNotebook',
} as const;
