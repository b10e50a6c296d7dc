/**
 * The analysis settings (package.json `contributes.configuration`, section "Flows, comparisons
 * and findings"): caps of what is gathered, cluster CIDRs, compare thresholds, detector settings.
 */
import * as vscode from 'vscode';
import { AddressClassifier } from '../analysis/addresses';
import { type CompareThresholds, DEFAULT_THRESHOLDS } from '../analysis/compare';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from '../analysis/findings/finding';
import { DEFAULT_GATHER, type GatherOptions } from '../analysis/gather/gather';

export interface AnalysisSettings {
  readonly gather: Omit<GatherOptions, 'signal' | 'onProgress'>;
  readonly clusterCidrs: readonly string[];
  readonly thresholds: CompareThresholds;
  readonly findings: FindingSettings;
}

/** A positive finite number, else the default (settings are typed by the person). */
function positive(config: vscode.WorkspaceConfiguration, key: string, fallback: number, allowZero = false): number {
  const value = config.get<unknown>(key);
  return typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowZero && value === 0)) ? value : fallback;
}

export function readAnalysisSettings(): AnalysisSettings {
  const c = vscode.workspace.getConfiguration('kubeshark');
  const thresholds: CompareThresholds = {
    minCalls: Math.round(positive(c, 'compare.minCalls', DEFAULT_THRESHOLDS.minCalls)),
    zThreshold: positive(c, 'compare.zThreshold', DEFAULT_THRESHOLDS.zThreshold),
    latencyRatio: Math.max(1.01, positive(c, 'compare.latencyRatio', DEFAULT_THRESHOLDS.latencyRatio)),
    errorRateDelta: positive(c, 'compare.errorRateDelta', DEFAULT_THRESHOLDS.errorRateDelta, true),
  };
  const cidrs = c.get<unknown>('analysis.clusterCidrs');
  return {
    gather: {
      callCap: Math.round(positive(c, 'analysis.callCap', DEFAULT_GATHER.callCap)),
      flowCap: Math.round(positive(c, 'analysis.flowCap', DEFAULT_GATHER.flowCap)),
      evidenceCap: DEFAULT_GATHER.evidenceCap,
    },
    clusterCidrs: Array.isArray(cidrs) ? cidrs.filter((x): x is string => typeof x === 'string') : [],
    thresholds,
    findings: {
      ...thresholds,
      bucketMs: positive(c, 'findings.bucketSeconds', 0, true) * 1000,
      dnsFailureBurst: Math.round(positive(c, 'findings.dnsFailureBurst', DEFAULT_FINDING_SETTINGS.dnsFailureBurst)),
      highVolumeBytes: positive(c, 'findings.highVolumeMiB', DEFAULT_FINDING_SETTINGS.highVolumeBytes / (1 << 20)) * (1 << 20),
      highVolumeFactor: positive(c, 'findings.highVolumeFactor', DEFAULT_FINDING_SETTINGS.highVolumeFactor),
    },
  };
}

/** Internal ranges plus the configured cluster CIDRs and the workloads' addresses of the sides. */
export function classifierFor(settings: AnalysisSettings, workloadIps: Iterable<string>): AddressClassifier {
  const classifier = new AddressClassifier(settings.clusterCidrs, workloadIps);
  if (classifier.invalidCidrs.length > 0) {
    void vscode.window.showWarningMessage(`kubeshark.analysis.clusterCidrs: not a CIDR: ${classifier.invalidCidrs.join(', ')}`);
  }
  return classifier;
}

/** `min 20 calls, |z| ≥ 3, latency ×1.5, error rate ±1 point`. */
export function thresholdsText(t: CompareThresholds): string {
  return `min ${t.minCalls} calls a side, |z| ≥ ${t.zThreshold}, latency or volume ×${t.latencyRatio}, error rate ±${(t.errorRateDelta * 100).toFixed(1)} points`;
}
