/**
 * Tools inside workloads: HTTP clients whose user agent names a command-line tool or a scripting
 * library (curl, wget, python-requests, Go-http-client, …), grouped by workload and tool. Against
 * a baseline, a tool the same workload already used there is expected and not reported.
 */
import { kflString } from '../../webviews/calls/kflFromCall';
import { type CallRecord } from '../calls';
import { groupLabel } from '../peers';
import { type SideData } from '../sideData';
import { bpfOfPairs, examplesOf, kflOfPairs, pairsOf } from './evidence';
import { capped, type Detector, type Finding } from './finding';

/** Tool names at the start of a user agent, followed by a version, a space or nothing. */
export const TOOL_USER_AGENT = '(?i)^(curl|wget|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|libwww-perl|lwp-trivial|okhttp|httpie|powershell|winhttp|nmap|masscan|sqlmap|nikto|zgrab|nuclei|axios|node-fetch|undici|java|apache-httpclient|ruby|faraday|guzzlehttp)([/ ]|$)';
const TOOL = new RegExp(TOOL_USER_AGENT.slice(4), 'i');

export function toolOf(userAgent: string | undefined): string | undefined {
  const m = userAgent === undefined ? null : TOOL.exec(userAgent);
  return m ? m[1]!.toLowerCase() : undefined;
}

function toolUses(side: SideData): Map<string, { tool: string; calls: CallRecord[] }> {
  const uses = new Map<string, { tool: string; calls: CallRecord[] }>();
  for (const call of side.toolCalls.items) {
    const tool = toolOf(call.userAgent);
    if (!tool) continue;
    const key = `${groupLabel(call.src, 'workload')} ${tool}`;
    const use = uses.get(key) ?? { tool, calls: [] };
    use.calls.push(call);
    uses.set(key, use);
  }
  return uses;
}

export const toolUserAgents: Detector = ({ target, baseline, classifier }) => {
  const known = baseline ? toolUses(baseline) : new Map();
  const findings: Finding[] = [];
  for (const [key, { tool, calls }] of toolUses(target)) {
    if (known.has(key)) continue;
    const workload = groupLabel(calls[0]!.src, 'workload');
    const agents = [...new Set(calls.map((c) => c.userAgent!))].slice(0, 16);
    const servers = [...new Set(calls.map((c) => groupLabel(c.dst, 'service')))].sort();
    const external = calls.some((c) => classifier.isExternal(c.dst.ip));
    const pairs = pairsOf(calls);
    const agentTerm = agents.length === 1 ? `request.headers["user-agent"] == ${kflString(agents[0]!)}` : `request.headers["user-agent"] in [${agents.map(kflString).join(', ')}]`;
    findings.push({
      id: `tool-user-agent:${key}`, detector: 'tool-user-agent', severity: external ? 'high' : 'medium',
      title: `${tool} in ${workload}`,
      detail: `${workload} made ${calls.length} HTTP call${calls.length === 1 ? '' : 's'} with ${agents.join(', ')} to ${servers.join(', ')}${baseline ? `; it never used ${tool} in '${baseline.label}'` : ''}.`,
      score: calls.length + (external ? 1e6 : 0),
      evidence: {
        kfl: kflOfPairs(pairs, `http && "user-agent" in request.headers && ${agentTerm}`), bpf: bpfOfPairs(pairs), calls: calls.length,
        examples: examplesOf(calls), flows: [], facts: [['User agent', agents.join(', ')], ['Servers', servers.join(', ')]],
      },
    });
  }
  return capped(findings);
};
