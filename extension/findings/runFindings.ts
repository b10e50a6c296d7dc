/**
 * Find Anomalies…: a snapshot (the tree node, `{snapshotId, baselineId?}`, or picked) and an
 * optional baseline; both sides are gathered with a cancellable progress, the detectors run in
 * the extension, and the findings go to the Findings view.
 */
import * as vscode from 'vscode';
import { detectAnomalies } from '../analysis/findings/detect';
import { type Finding } from '../analysis/findings/finding';
import { gatherSide, type GatherProgress } from '../analysis/gather/gather';
import { type SideData } from '../analysis/sideData';
import { formatLocalWithUtc } from '../../kfl/localTime';
import { abortSignalOf } from '../ui/cancellation';
import { formatCount } from '../util/format';
import { type AnalysisContext, dissectedSnapshot, isQueryable, pickDissected, type ResolvedScope, snapshotArg } from '../flows/analysisContext';
import { classifierFor, readAnalysisSettings } from '../flows/analysisSettings';
import { type FindingsModel } from './findingsModel';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** `{baselineId: "<key>"}` names the baseline; `{baselineId: null}` asks for none, without a question. */
async function baselineFor(context: AnalysisContext, arg: Record<string, unknown>): Promise<ResolvedScope | undefined | 'cancelled'> {
  return typeof arg.baselineId === 'string' ? (await dissectedSnapshot(context, arg.baselineId)) ?? 'cancelled' : undefined;
}

export async function pickBaseline(context: AnalysisContext, target: ResolvedScope): Promise<ResolvedScope | undefined | 'cancelled'> {
  const model = context.snapshots.model;
  if (model.list?.state !== 'loaded') await model.loadList();
  const others = (model.list?.state === 'loaded' ? model.list.value : []).map((e) => e.snapshot).filter((s) => isQueryable(s) && s.key !== target.snapshot?.key);
  const zone = context.hub.zone();
  const picked = await vscode.window.showQuickPick([
    { label: '$(circle-slash) No baseline', detail: 'Look at this snapshot on its own (new names, namespaces and destinations need a baseline)', key: undefined },
    ...others.map((s) => ({ label: s.name, description: s.window ? formatLocalWithUtc(s.window.start, zone) : s.status, detail: 'A known-good snapshot to compare against', key: s.key })),
  ], { title: `Find Anomalies in '${target.scope.label}': baseline`, placeHolder: 'Compare against a known-good snapshot?' });
  if (!picked) return 'cancelled';
  return picked.key ? (await dissectedSnapshot(context, picked.key)) ?? 'cancelled' : undefined;
}

export async function runFindings(context: AnalysisContext, model: FindingsModel, arg: unknown): Promise<readonly Finding[] | undefined> {
  const key = snapshotArg(arg);
  const target = key ? await dissectedSnapshot(context, key) : await pickDissected(context, 'Find Anomalies');
  if (!target) return undefined;
  const baseline = isObject(arg) && 'baselineId' in arg ? await baselineFor(context, arg) : await pickBaseline(context, target);
  if (baseline === 'cancelled') return undefined;
  const settings = readAnalysisSettings();
  const tools = await context.hub.connection.ensureConnected();
  const sides = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding anomalies in '${target.scope.label}'`, cancellable: true }, async (progress, token) => {
    const gather = (resolved: ResolvedScope): Promise<SideData> => gatherSide(tools, {
      label: resolved.scope.label, snapshotId: resolved.scope.snapshotId, dissection: resolved.scope.dissection, window: resolved.snapshot?.window,
    }, {
      ...settings.gather, signal: abortSignalOf(token),
      onProgress: (p: GatherProgress) => progress.report({ message: `'${resolved.scope.label}': ${p.stage} ${formatCount(p.done)}${p.total === undefined ? '' : ` of ${formatCount(p.total)}`}` }),
    });
    return { target: await gather(target), baseline: baseline && await gather(baseline) };
  });
  const zone = context.hub.zone();
  const findings = detectAnomalies({
    target: sides.target, baseline: sides.baseline, settings: settings.findings, formatTime: (ms) => formatLocalWithUtc(ms, zone),
    classifier: classifierFor(settings, [...sides.target.workloadIps, ...(sides.baseline?.workloadIps ?? [])]),
  });
  const notes = [sides.target, ...(sides.baseline ? [sides.baseline] : [])].filter((s) => s.calls.truncated).map((s) => `'${s.label}': the first ${formatCount(s.calls.items.length)} calls were read.`);
  model.set({ target: target.scope, baseline: baseline?.scope, findings, ranAt: Date.now(), notes });
  return findings;
}
