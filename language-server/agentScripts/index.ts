/**
 * The agent-script feature: JavaScript documents that are Network Agent scripts (README, "What
 * counts as an agent script") get the agent-scripts/ linter's diagnostics, completion, hover and
 * quick fixes. Other JavaScript is left alone. Cross-file rules (titles, job tags, shared globals)
 * use an index of the workspace's scripts, rebuilt when watched files change; open scripts count
 * with their current text.
 */
import { CodeActionKind, DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { summarizeScript } from '../../agent-scripts/index';
import { type FeatureFactory } from '../feature';
import { codeActionsAgentScript } from './codeActions';
import { COMPLETION_TRIGGERS, completeAgentScriptAt } from './completion';
import { diagnoseAgentScript } from './diagnostics';
import { hoverAgentScriptAt } from './hover';
import { AgentWorkspace } from './workspaceIndex';

export const createAgentScriptsFeature: FeatureFactory = (context) => {
  const workspace = new AgentWorkspace(context.connection, context.documents, context.settings);
  context.connection.onDidChangeWatchedFiles(() => {
    workspace.invalidate();
    context.refreshDiagnostics();
  });
  // Ask the client to watch scripts and values files, once, on the first request (the server owns
  // the `initialized` notification); clients without dynamic registration refuse, which is fine.
  let watching = false;
  const contextFor = (document: Parameters<AgentWorkspace['contextFor']>[0]) => {
    if (!watching) {
      watching = true;
      const watchers = [{ globPattern: '**/*.js' }, { globPattern: '**/*.{yaml,yml}' }];
      context.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    return workspace.contextFor(document);
  };

  // Titles, job tags and shared globals are read across scripts: when an edit changes what a
  // script contributes to the others, their diagnostics are refreshed (not on every keystroke).
  const contributions = new Map<string, string>();
  context.documents.onDidChangeContent(({ document }) => {
    if (document.languageId !== 'javascript') return;
    void contextFor(document).then((scriptContext) => {
      if (!scriptContext.isScript) return;
      const { title, jobTags, dynamicTagPrefixes, globalNames } = summarizeScript(scriptContext.path, document.getText());
      const now = JSON.stringify([title, jobTags.map((t) => t.tag), dynamicTagPrefixes, globalNames]);
      const before = contributions.get(document.uri);
      contributions.set(document.uri, now);
      if (before !== undefined && before !== now) context.refreshDiagnostics();
    });
  });
  context.documents.onDidClose(({ document }) => contributions.delete(document.uri));

  return {
    name: 'agent-scripts',
    handles: (document) => document.languageId === 'javascript',
    completionTriggerCharacters: COMPLETION_TRIGGERS,
    codeActionKinds: [CodeActionKind.QuickFix],
    diagnose: async (document) => diagnoseAgentScript(document, await contextFor(document)),
    complete: async (document, position) => completeAgentScriptAt(document, position, await contextFor(document)),
    hover: async (document, position) => hoverAgentScriptAt(document, position, await contextFor(document), await context.settings.displayZone(document.uri)),
    codeActions: async (document, range, actionContext) =>
      codeActionsAgentScript(document, range, actionContext, await contextFor(document), workspace),
  };
};
