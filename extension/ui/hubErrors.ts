/**
 * How a Hub error reaches the person: the client's message (hub-api.md §2.3) plus the action that
 * can fix it — Retry, Set Token…, Open Settings, Start Local Hub — and always the log.
 */
import * as vscode from 'vscode';
import { isHubError } from '../client/errors';
import { HUB_COMMANDS } from '../connection/commandIds';
import { openHubSettings } from '../connection/settings';

export interface ErrorContext {
  /** What was being done, e.g. "Export PCAP". */
  readonly title: string;
  /** Whether the local Hub is in use (changes which fix is offered for "unreachable"). */
  readonly local: boolean;
  readonly retry?: () => unknown;
}

const RETRY = 'Retry';
const SET_TOKEN = 'Set Token…';
const OPEN_SETTINGS = 'Open Settings';
const START_LOCAL = 'Start Local Hub';
const SHOW_LOG = 'Show Log';

/** The actions offered for an error, in order. */
function actionsFor(error: unknown, context: Pick<ErrorContext, 'local' | 'retry'>): string[] {
  const retry = context.retry ? [RETRY] : [];
  if (!isHubError(error)) return [...retry, SHOW_LOG];
  switch (error.kind) {
    case 'auth_required': return [SET_TOKEN, SHOW_LOG];
    case 'unreachable': return context.local ? [START_LOCAL, SHOW_LOG] : [...retry, OPEN_SETTINGS, SHOW_LOG];
    case 'timeout': return [...retry, OPEN_SETTINGS, SHOW_LOG];
    case 'busy':
    case 'hub_error': return [...retry, SHOW_LOG];
    case 'not_a_hub':
    case 'unsupported_hub':
    case 'refused': return [OPEN_SETTINGS, SHOW_LOG];
    default: return [SHOW_LOG];
  }
}

/** Shows the error (nothing for a cancellation) and runs the action the person picks. */
export async function showHubError(error: unknown, context: ErrorContext): Promise<void> {
  if (isHubError(error, 'cancelled')) return;
  const message = error instanceof Error ? error.message : String(error);
  const choice = await vscode.window.showErrorMessage(`${context.title}: ${message}`, ...actionsFor(error, context));
  switch (choice) {
    case RETRY: await context.retry?.(); break;
    case SET_TOKEN: await vscode.commands.executeCommand(HUB_COMMANDS.setToken); break;
    case OPEN_SETTINGS: await openHubSettings(); break;
    case START_LOCAL: await vscode.commands.executeCommand(HUB_COMMANDS.startLocal); break;
    case SHOW_LOG: await vscode.commands.executeCommand(HUB_COMMANDS.showLog); break;
  }
}
