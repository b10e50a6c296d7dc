import { type CodeAction, type CodeActionContext, CodeActionKind, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { addEnvNameEdit, type Finding, type Fix, LineMap } from '../../agent-scripts/index';
import { lintInContext } from './diagnostics';
import { rangeOf, textEditsOf, toLspDiagnostic } from './lsp';
import { type AgentWorkspace, type ScriptContext } from './workspaceIndex';

/**
 * Quick fixes for the findings in the range: each finding's fixes (a secret fix also adds the env
 * *name* to the values file's scripting.env when there is one), and a suppression comment.
 */
export function codeActionsAgentScript(document: TextDocument, range: Range, request: CodeActionContext, context: ScriptContext, workspace: AgentWorkspace): CodeAction[] {
  if (request.only && !request.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const findings = lintInContext(document, context).filter((f) => f.start <= end && f.end >= start);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    const diagnostic = toLspDiagnostic(document, finding);
    for (const fix of finding.fixes) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: fixEdit(document, fix, context, workspace), ...(fix.preferred ? { isPreferred: true } : {}) });
    }
    actions.push(suppression(document, finding, diagnostic));
  }
  return actions;
}

function fixEdit(document: TextDocument, fix: Fix, context: ScriptContext, workspace: AgentWorkspace): WorkspaceEdit {
  const changes: WorkspaceEdit['changes'] = { [document.uri]: textEditsOf(document, fix.edits) };
  const known = context.envNames;
  if (fix.addEnvName && !(known?.has(fix.addEnvName))) {
    for (const file of context.valuesFiles) {
      const text = workspace.textOf(file);
      const edit = text === undefined ? undefined : addEnvNameEdit(text, fix.addEnvName);
      if (!text || !edit) continue;
      const lines = new LineMap(text);
      const at = lines.position(edit.start);
      const position = { line: at.line - 1, character: at.column - 1 };
      changes[pathToFileURL(file).href] = [{ range: { start: position, end: position }, newText: edit.newText }];
      break;
    }
  }
  return { changes };
}

/** `// agent-lint-disable-next-line <rule>` above the finding's line, indented like it. */
function suppression(document: TextDocument, finding: Finding, diagnostic: ReturnType<typeof toLspDiagnostic>): CodeAction {
  const line = document.positionAt(finding.start).line;
  const lineStart = document.offsetAt({ line, character: 0 });
  const text = document.getText();
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Disable ${finding.rule} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: rangeOf(document, lineStart, lineStart), newText: `${indent}// agent-lint-disable-next-line ${finding.rule}${eol}` }] } },
  };
}
