/**
 * Runs one KFL cell: its directives, the notebook's binding (Hub and data source), its time
 * window, a check of the filter by the language server, the scope (with the dissection rule of
 * §5.11), then the tool of its mode. Never throws: every failure is an error output with fixes;
 * a cancelled run says so and leaves no output.
 */
import { isHubError } from '../../client/errors';
import { type TimeWindow } from '../../client/model';
import { parseWindow } from '../../time/windowInput';
import { type CellDirectives, parseDirectives } from '../cell/directives';
import { effectiveSource, LOCAL_HUB, sourceLabel } from '../format/binding';
import { directiveFailure, failure, type Failure, failureOf } from './failures';
import { fix } from './fixes';
import { exportSummary, runExport } from './pcapRun';
import { callsSummary, runQuery } from './queryRun';
import { type CellResult, type RunContext } from './runContext';
import { resolveScope } from './scope';
import { runStats, statsSummaryText } from './statsRun';
import { runFlows, runIps, runWorkloads, tableSummary } from './tableRun';

const hubName = (identity: string): string => (identity === LOCAL_HUB ? 'the local Hub' : identity);

export async function runCell(text: string, context: RunContext): Promise<CellResult> {
  const directives = parseDirectives(text);
  const request = effectiveSource(directives.source, context.settings);
  let label = sourceLabel(request);
  const failed = (payload: Failure): CellResult => ({ payload, mode: directives.mode, summary: 'failed', source: label });
  try {
    const problem = directives.problems.find((p) => p.severity === 'error');
    if (problem) return failed(directiveFailure(context, label, problem));
    if (request.kind === 'unbound') {
      return failed(failure(context, label, 'No data source', 'Pick the snapshot (or live data) this notebook queries; a cell can also name one with `// @snapshot <id or name>` or `// @live`.', [fix.selectSource(context.notebookUri)]));
    }
    const bound = context.settings.hub;
    if (bound && bound !== context.hub.identity) {
      return failed(failure(context, label, 'Another Hub', `This notebook's snapshots are on ${hubName(bound)}, but the extension is connected to ${hubName(context.hub.identity)}.`, [
        fix.connect(bound === LOCAL_HUB ? '' : bound), fix.bindToConnected(context.notebookUri),
      ]));
    }
    const window = readWindow(directives, context, label);
    if (window && 'kind' in window) return failed(window);
    const readsFilter = directives.mode === 'query' || directives.mode === 'stats' || directives.mode === 'export-pcap';
    if (readsFilter && directives.hasFilter && !context.force && context.checkFilter) {
      const check = await context.checkFilter(text);
      if (check.hasErrors) {
        const first = check.first;
        return failed(failure(context, label, 'The filter has errors', `${first?.message ?? 'The language server found errors in the filter'}. A Hub would reject it or match nothing; the problems are marked in the cell.`, [fix.runAnyway(context.cellUri)], first && { line: first.line, column: first.column, length: first.length }));
      }
    }
    const dissected = directives.mode !== 'workloads' && directives.mode !== 'ips';
    const scope = await resolveScope(context, request, dissected);
    if ('kind' in scope) return failed(scope);
    label = scope.label;
    const done = (result: Omit<CellResult, 'mode' | 'source'>): CellResult => ({ ...result, mode: directives.mode, source: label });
    switch (directives.mode) {
      case 'query': {
        const { payload, pager } = await runQuery(context, directives, scope, text, window);
        return done({ payload, pager: payload.more ? pager : undefined, summary: callsSummary(payload) });
      }
      case 'stats': {
        const payload = await runStats(context, directives, scope, text, window);
        return done({ payload, summary: statsSummaryText(payload) });
      }
      case 'flows': {
        const payload = await runFlows(context, directives, scope, window);
        return done({ payload, summary: tableSummary(payload, 'flow') });
      }
      case 'workloads': {
        const payload = await runWorkloads(context, directives, scope);
        return done({ payload, summary: tableSummary(payload, 'workload') });
      }
      case 'ips': {
        const payload = await runIps(context, directives, scope);
        return done({ payload, summary: tableSummary(payload, 'IP record') });
      }
      case 'export-pcap': {
        const exported = await runExport(context, directives, scope, text, window);
        if ('kind' in exported) return failed(exported);
        return done({ payload: exported.payload, exported: exported.record, summary: exportSummary(exported.payload) });
      }
    }
  } catch (e) {
    if (isHubError(e, 'cancelled') || context.signal?.aborted) {
      return { ...failed(failure(context, label, 'Cancelled', 'The run was cancelled.')), cancelled: true };
    }
    return failed(failureOf(e, context, label, text));
  }
}

/** The `@window` as UTC ms, or an error output positioned at the part that could not be read. */
function readWindow(directives: CellDirectives, context: RunContext, label: string): TimeWindow | Failure | undefined {
  const typed = directives.window;
  if (!typed) return undefined;
  const parsed = parseWindow(typed.text, { zone: context.zone, now: context.now() });
  if (parsed.ok) return parsed.window;
  return failure(context, label, 'Time window not understood', `${parsed.message} (e.g. '@window yesterday 17:00-18:00', '@window last 1h')`, [], {
    line: typed.line, column: typed.start + parsed.offset, length: parsed.length,
  });
}
