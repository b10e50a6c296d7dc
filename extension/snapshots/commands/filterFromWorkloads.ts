/**
 * "Build filter from workloads…" and "…from IPs…" (hub-api.md §5.8): names and IPs are resolved
 * against the snapshot (pod IPs at capture time may differ from today's) and joined into
 * `host a or host b`, which the person then sees and may edit before the export.
 */
import * as vscode from 'vscode';
import { type HubTools } from '../../client/tools';
import { hostFilter } from '../hostFilter';

/** Resolves with a BPF filter, or undefined when dismissed or nothing was found. */
export async function filterFromWorkloads(tools: HubTools, snapshot: string): Promise<string | undefined> {
  const workloads = await tools.listWorkloads(snapshot);
  if (workloads.length === 0) {
    void vscode.window.showInformationMessage('This snapshot has no workload metadata (workloads.json): type a BPF filter or pick IPs.');
    return undefined;
  }
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].sort();
  let chosenNamespaces = namespaces;
  if (namespaces.length > 1) {
    const picked = await vscode.window.showQuickPick(namespaces.map((ns) => ({ label: ns || '(no namespace)', ns, picked: false })), {
      title: 'Build filter from workloads (1/2): namespaces', placeHolder: 'Namespaces to choose pods from', canPickMany: true, ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) return undefined;
    chosenNamespaces = picked.map((p) => p.ns);
  }
  const candidates = workloads.filter((w) => chosenNamespaces.includes(w.namespace));
  const picked = await vscode.window.showQuickPick(candidates.map((w) => ({
    label: w.name,
    description: `${w.namespace} · ${w.kind}`,
    detail: w.ips.map((i) => i.ip).join(', ') || 'no IPs',
    workload: w,
  })), { title: 'Build filter from workloads (2/2): pods and services', placeHolder: 'Their IPs at capture time go into the filter', canPickMany: true, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked || picked.length === 0) return undefined;
  return joined(picked.flatMap((p) => p.workload.ips.map((i) => i.ip)));
}

export async function filterFromIps(tools: HubTools, snapshot: string): Promise<string | undefined> {
  const ips = await tools.listIps(snapshot);
  if (ips.length === 0) {
    void vscode.window.showInformationMessage('This snapshot has no IP metadata (workloads.json): type a BPF filter instead.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(ips.map((i) => ({
    label: i.ip,
    description: i.records.map((r) => `${r.namespace}/${r.name}`).join(', '),
    ip: i.ip,
  })), { title: 'Build filter from IPs', placeHolder: 'IPs to keep (both directions)', canPickMany: true, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked || picked.length === 0) return undefined;
  return joined(picked.map((p) => p.ip));
}

function joined(ips: readonly string[]): string | undefined {
  const { filter, skipped } = hostFilter(ips);
  if (skipped.length > 0) void vscode.window.showWarningMessage(`Left out what is not an IP address: ${skipped.slice(0, 5).join(', ')}`);
  return filter || undefined;
}
