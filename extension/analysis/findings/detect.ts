/** The Anomalies pass: every detector over a snapshot (and its baseline), findings strongest first. */
import { dnsFailureBursts } from './dnsFailures';
import { newDnsNames } from './dnsNames';
import { externalDestinations } from './externalDestinations';
import { bySeverity, type Detector, type DetectorInput, type Finding } from './finding';
import { plaintextCredentials } from './credentials';
import { unexpectedNamespaces } from './namespaces';
import { errorSpikes, latencySpikes } from './spikes';
import { toolUserAgents } from './userAgents';
import { highVolume } from './volume';

export const DETECTORS: readonly Detector[] = [
  externalDestinations, newDnsNames, unexpectedNamespaces, errorSpikes, latencySpikes, plaintextCredentials, toolUserAgents, highVolume, dnsFailureBursts,
];

export function detectAnomalies(input: DetectorInput): Finding[] {
  return DETECTORS.flatMap((detect) => detect(input)).sort(bySeverity);
}
