/**
 * The renderer's styles, added once to the notebook's output document. Scoped under
 * `.kfl-output`, since other renderers' outputs share the document; themed only with --vscode-*
 * variables. (A renderer bundle's CSS file is not loaded by VS Code, hence a string.)
 */
const CSS = `
.kfl-output { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
.kfl-output .head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin: 2px 0 6px; }
.kfl-output .muted, .kfl-output .caption { color: var(--vscode-descriptionForeground); }
.kfl-output .kept { color: var(--vscode-editorWarning-foreground); border: 1px dashed var(--vscode-editorWarning-foreground); border-radius: 3px; padding: 1px 6px; margin: 2px 0 6px; }
.kfl-output code, .kfl-output .mono { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
.kfl-output table { border-collapse: collapse; width: 100%; }
.kfl-output th, .kfl-output td { text-align: left; padding: 2px 8px; vertical-align: top; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); overflow-wrap: anywhere; }
.kfl-output th { color: var(--vscode-descriptionForeground); font-weight: 600; white-space: nowrap; }
.kfl-output th.sortable { cursor: pointer; user-select: none; }
.kfl-output th.sortable:hover { color: var(--vscode-foreground); }
.kfl-output th[aria-sort=ascending]::after { content: " ▲"; } .kfl-output th[aria-sort=descending]::after { content: " ▼"; }
.kfl-output td.num, .kfl-output th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kfl-output tr.call { cursor: pointer; }
.kfl-output tr.call:hover { background: var(--vscode-list-hoverBackground); }
.kfl-output tr.call:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.kfl-output button { white-space: nowrap; font: inherit; padding: 1px 8px; border-radius: 2px; cursor: pointer; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); }
.kfl-output button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.kfl-output button:hover { background: var(--vscode-button-secondaryHoverBackground); }
.kfl-output button.primary:hover { background: var(--vscode-button-hoverBackground); }
.kfl-output button:disabled { opacity: 0.6; cursor: default; }
.kfl-output .actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.kfl-output .notice { color: var(--vscode-notificationsInfoIcon-foreground, var(--vscode-foreground)); }
.kfl-output .error-title { color: var(--vscode-errorForeground); font-weight: 600; }
.kfl-output dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; }
.kfl-output dt { color: var(--vscode-descriptionForeground); } .kfl-output dd { margin: 0; overflow-wrap: anywhere; }
.kfl-output h4 { margin: 10px 0 4px; font-size: 1em; }
.kfl-output .escape { font-family: var(--vscode-editor-font-family); color: var(--vscode-editorWarning-foreground); border: 1px dotted var(--vscode-editorWarning-foreground); border-radius: 2px; padding: 0 1px; unicode-bidi: isolate; }
.kfl-output .status-ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.kfl-output .status-redirect { color: var(--vscode-charts-blue, var(--vscode-foreground)); }
.kfl-output .status-client-error { color: var(--vscode-editorWarning-foreground); }
.kfl-output .status-error { color: var(--vscode-errorForeground); font-weight: 600; }
.kfl-output .status-no-response { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.kfl-output progress { vertical-align: middle; }
`;

const STYLE_ID = 'kubeshark-kfl-renderer-style';

/** Adds the styles to the output document, once. */
export function ensureStyles(document: Document): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.append(style);
}
