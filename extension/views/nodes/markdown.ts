import * as vscode from 'vscode';

/**
 * A tooltip of `label: value` lines. Values are appended as text (escaped): names and errors come
 * from the Hub and from captured data, never trusted as markdown.
 */
export function fieldsTooltip(title: string, fields: readonly (readonly [string, string | undefined])[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  for (const [label, value] of fields) {
    if (value === undefined || value === '') continue;
    md.appendMarkdown(`${label}: `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  }
  return md;
}
