/** Errors as tree nodes, each with the command that can fix it. */
import type * as vscode from 'vscode';
import { isHubError } from '../client/errors';
import { HUB_COMMANDS } from '../connection/commandIds';
import { messageNode, type MessageNode } from './nodes/messageNode';

export function errorNode(id: string, error: unknown, local: boolean): MessageNode {
  const text = error instanceof Error ? error.message : String(error);
  return messageNode(id, text, 'error', { detail: text, command: fixFor(error, local) });
}

function fixFor(error: unknown, local: boolean): vscode.Command {
  if (isHubError(error, 'auth_required')) return { title: 'Set Token…', command: HUB_COMMANDS.setToken };
  if (isHubError(error, 'unreachable') && local) return { title: 'Start Local Hub', command: HUB_COMMANDS.startLocal };
  if (isHubError(error, 'not_a_hub') || isHubError(error, 'unsupported_hub')) return { title: 'Connect to Hub…', command: HUB_COMMANDS.connect };
  return { title: 'Refresh', command: HUB_COMMANDS.refresh };
}
