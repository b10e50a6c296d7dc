/**
 * Plaintext credentials: calls (found by the targeted query of gather/) that carry an
 * Authorization-like header or a credential query parameter over a dissected, unencrypted
 * exchange. Shown redacted: the header or parameter name and the length, never the value.
 * High when the server is external, else medium.
 */
import { kflString } from '../../webviews/calls/kflFromCall';
import { type CallRecord, type Credential } from '../calls';
import { groupLabel } from '../peers';
import { bpfOfPairs, examplesOf, kflOfPairs, pairsOf } from './evidence';
import { capped, type Detector, type Finding } from './finding';

/** The KFL term that finds calls carrying this credential. */
export function credentialTerm(c: Credential): string {
  return c.where === 'header'
    ? `${kflString(c.name)} in request.headers`
    : `url.matches(${kflString(`(?i)[?&]${c.name.replace(/[^a-z0-9_-]/g, '')}=`)})`;
}

export const plaintextCredentials: Detector = ({ target, classifier }) => {
  const groups = new Map<string, { credential: Credential; calls: CallRecord[] }>();
  for (const call of target.credentialCalls.items) {
    for (const credential of call.credentials) {
      const key = `${groupLabel(call.src, 'workload')} → ${groupLabel(call.dst, 'service')} ${credential.where}:${credential.name}`;
      const group = groups.get(key) ?? { credential, calls: [] };
      group.calls.push(call);
      groups.set(key, group);
    }
  }
  const findings: Finding[] = [];
  for (const [key, { credential, calls }] of groups) {
    const first = calls[0]!;
    const external = calls.some((c) => classifier.isExternal(c.dst.ip));
    const where = credential.where === 'header' ? `header ${credential.name}` : `URL parameter ${credential.name}`;
    const pairs = pairsOf(calls);
    findings.push({
      id: `plaintext-credential:${key}`, detector: 'plaintext-credential', severity: external ? 'high' : 'medium',
      title: `Plaintext credential (${where}) from ${groupLabel(first.src, 'workload')} to ${groupLabel(first.dst, 'service')}`,
      detail: `${calls.length} call${calls.length === 1 ? '' : 's'} sent a credential in the ${where} without encryption${external ? ' to an external address' : ''}. The value is not shown.`,
      score: calls.length + (external ? 1e6 : 0),
      evidence: {
        kfl: kflOfPairs(pairs, `http && ${credentialTerm(credential)}`), bpf: bpfOfPairs(pairs), calls: calls.length, examples: examplesOf(calls), flows: [],
        facts: [['Where', where], ['Value', credential.redacted]],
      },
    });
  }
  return capped(findings);
};
