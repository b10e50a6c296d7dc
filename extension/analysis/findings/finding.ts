/**
 * A finding of the Anomalies pass: what stands out, how much, and the evidence that shows it —
 * the KFL filter that finds its calls, the BPF that exports its packets, the flows and a few
 * calls. Titles and facts may hold captured names; credentials appear only redacted.
 */
import { type CompareThresholds } from '../compare';
import { type AddressClassifier } from '../addresses';
import { type SideData } from '../sideData';

export type Severity = 'high' | 'medium' | 'low';

export type DetectorId =
  | 'external-destination' | 'new-dns-name' | 'unexpected-namespace' | 'error-spike' | 'latency-spike'
  | 'plaintext-credential' | 'tool-user-agent' | 'high-volume' | 'dns-failures';

export interface EvidenceFlow {
  /** `sock-shop/front-end → 142.250.74.36:80 (tcp)`. */
  readonly label: string;
  readonly bytes: number;
  readonly pkts: number;
}

export interface Evidence {
  /** Finds the finding's calls in the snapshot it was found in. */
  readonly kfl: string;
  /** Exports its packets; '' when no address makes one. */
  readonly bpf: string;
  /** Calls of it seen by the analysis (the KFL filter finds at least these). */
  readonly calls: number;
  /** A few call ids. */
  readonly examples: readonly string[];
  readonly flows: readonly EvidenceFlow[];
  /** Label → value lines shown under the finding (`User agent` → `curl/8.5.0`). */
  readonly facts: readonly (readonly [string, string])[];
}

export interface Finding {
  /** `<detector>:<key>`: stable across runs of the same data. */
  readonly id: string;
  readonly detector: DetectorId;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  readonly evidence: Evidence;
  /** Orders findings of one severity (a z, a ratio, a count). */
  readonly score: number;
}

export interface FindingSettings extends CompareThresholds {
  /** Time bucket of the spike scans, ms; 0 = automatic (at most 30 buckets over the window). */
  readonly bucketMs: number;
  /** Failed DNS lookups of one client within a minute that make a burst. */
  readonly dnsFailureBurst: number;
  /** A connection moving at least this many bytes can be high-volume… */
  readonly highVolumeBytes: number;
  /** …when it moves this many times the median connection (or its baseline rate). */
  readonly highVolumeFactor: number;
}

export const DEFAULT_FINDING_SETTINGS: FindingSettings = {
  minCalls: 20, zThreshold: 3, latencyRatio: 1.5, errorRateDelta: 0.01,
  bucketMs: 0, dnsFailureBurst: 10, highVolumeBytes: 1 << 20, highVolumeFactor: 10,
};

export interface DetectorInput {
  readonly target: SideData;
  readonly baseline?: SideData;
  readonly classifier: AddressClassifier;
  readonly settings: FindingSettings;
  /** A time as people read it (local with UTC beside it). */
  readonly formatTime: (ms: number) => string;
}

export type Detector = (input: DetectorInput) => Finding[];

/** Findings one detector may report; beyond it one more finding says how many were left out. */
export const MAX_FINDINGS_PER_DETECTOR = 25;

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

/** The detector's findings, strongest first, bounded. */
export function capped(findings: Finding[]): Finding[] {
  return findings.sort(bySeverity).slice(0, MAX_FINDINGS_PER_DETECTOR);
}
