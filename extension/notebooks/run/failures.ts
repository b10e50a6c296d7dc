/**
 * Why a cell produced no result, as an error output with the fixes that apply: the Hub's error
 * kinds of hub-api.md §2.3 (connect, set a token, start the local Hub, open settings), a filter
 * the Hub rejected (positioned in the cell), a problem in a directive.
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { isHubError } from '../../client/errors';
import { type DirectiveProblem } from '../cell/directives';
import { fix } from './fixes';
import { payloadBase, type RunContext } from './runContext';

export type Failure = NotebookOutput.Failure;
type Position = NonNullable<Failure['position']>;

export function failure(context: Pick<RunContext, 'zone' | 'now'>, source: string, title: string, message: string, actions: NotebookOutput.Action[] = [], position?: Position): Failure {
  return { ...payloadBase(context, source), kind: 'error', title, message, actions, position };
}

/** The line and column of a UTF-16 offset into `text`. */
export function positionAt(text: string, offset: number, length = 1): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length - 1, column: before.length - lineStart, length: Math.max(1, length) };
}

export function directiveFailure(context: RunContext, source: string, problem: DirectiveProblem): Failure {
  return failure(context, source, 'Directive problem', problem.message, [], { line: problem.line, column: problem.start, length: problem.end - problem.start });
}

/** What choosing the fixes of an error needs. */
export type FailureContext = Pick<RunContext, 'zone' | 'now' | 'hub' | 'notebookUri'>;

/** Any error of a run as an error output; `cellText` positions the Hub's KFL errors in the cell. */
export function failureOf(error: unknown, context: FailureContext, source: string, cellText?: string): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (!isHubError(error)) return failure(context, source, 'The cell failed', message, [fix.showLog()]);
  const { local } = context.hub;
  switch (error.kind) {
    case 'unreachable':
      return failure(context, source, 'No Hub', message, local ? [fix.startLocal(), fix.showLog()] : [fix.connect(), fix.hubSettings(), fix.showLog()]);
    case 'auth_required':
      return failure(context, source, 'The Hub needs authentication', `${message}. Get a token with \`kubectl create token kubeshark-cli -n <namespace> --audience kubeshark-hub\`.`, [fix.setToken(), fix.showLog()]);
    case 'forbidden':
      return failure(context, source, 'Not allowed', message, [fix.showLog()]);
    case 'not_a_hub':
    case 'unsupported_hub':
    case 'refused':
      return failure(context, source, 'Not a usable Hub', message, [fix.connect(), fix.hubSettings()]);
    case 'tool_unavailable':
      return failure(context, source, 'Tool not offered', message, [fix.refreshHub(), fix.showLog()]);
    case 'timeout':
      return failure(context, source, 'The Hub did not answer in time', message, [fix.hubSettings(), fix.showLog()]);
    case 'busy':
    case 'hub_error':
      return failure(context, source, 'Hub error', message, [fix.showLog()]);
    case 'not_found':
      return failure(context, source, 'Not found on the Hub', message, [fix.selectSource(context.notebookUri)]);
    case 'invalid_arguments': {
      const isKfl = error.code === 'KFL_SYNTAX' || error.code === 'KFL_TYPE' || /kfl/i.test(error.code ?? '');
      const offset = error.offset;
      const length = typeof error.details?.length === 'number' ? error.details.length : 1;
      const position = isKfl && offset !== undefined && cellText !== undefined ? positionAt(cellText, offset, length) : undefined;
      return failure(context, source, isKfl ? 'The Hub rejected the filter' : 'The Hub rejected the request', message, [], position);
    }
    default:
      return failure(context, source, 'Hub error', message, [fix.showLog()]);
  }
}
