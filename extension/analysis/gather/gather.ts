/**
 * Gathering what the analysis reads from a Hub, through the one client (no vscode here, so the
 * Node tests run it against a real local Hub): the flows (list_l4_flows, paged by offset when the
 * Hub declares it), the API calls (list_api_calls through the call list's pager, up to a cap),
 * two targeted queries whose calls are evidence in themselves (tool user agents, plaintext
 * credentials), and the addresses the workloads held (list_workloads). Calls are reduced to
 * CallRecords page by page, so bodies never pile up.
 */
import { schemaProperties } from '../../client/adapt';
import { isHubError } from '../../client/errors';
import { prop } from '../../client/json';
import { type HubTools } from '../../client/tools';
import { kflString } from '../../webviews/calls/kflFromCall';
import { CallPager, listCapabilities } from '../../webviews/calls/callPager';
import { type CallRecord, callRecordOf, CREDENTIAL_HEADERS, CREDENTIAL_PARAMS } from '../calls';
import { type FlowRecord, parseFlowPage } from '../flows';
import { TOOL_USER_AGENT } from '../findings/userAgents';
import { API_CALLS_KFL, type Collected, type SideData, type Window } from '../sideData';

export interface GatherScope {
  readonly label: string;
  /** Undefined: live data. */
  readonly snapshotId?: string;
  readonly dissection?: string;
  readonly window?: Window;
}

export interface GatherProgress {
  /** `flows`, `calls`, `tool user agents`, `credentials`, `workloads`. */
  readonly stage: string;
  readonly done: number;
  readonly total?: number;
}

export interface GatherOptions {
  /** API calls collected per side at most. */
  readonly callCap: number;
  /** Flows collected per side at most (the largest first). */
  readonly flowCap: number;
  /** Calls of each targeted query at most. */
  readonly evidenceCap: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: GatherProgress) => void;
}

export const DEFAULT_GATHER: Omit<GatherOptions, 'signal' | 'onProgress'> = { callCap: 20_000, flowCap: 10_000, evidenceCap: 2_000 };

/** Calls whose user agent names a tool (findings/userAgents.ts). */
export const TOOL_CALLS_KFL = `http && "user-agent" in request.headers && request.headers["user-agent"].matches(${kflString(TOOL_USER_AGENT)})`;

/** Calls carrying a credential in a header or the URL (calls.ts). */
export const CREDENTIAL_CALLS_KFL = `http && (${[...CREDENTIAL_HEADERS].map((h) => `${kflString(h)} in request.headers`).join(' || ')} || url.matches(${kflString(`(?i)[?&](${[...CREDENTIAL_PARAMS].join('|')})=`)}))`;

const FLOW_PAGE = 1000;

/** Calls of one filter, page by page up to `cap`, reduced to CallRecords. */
export async function collectCalls(tools: HubTools, scope: GatherScope, kfl: string, cap: number, stage: string, options: GatherOptions): Promise<Collected<CallRecord>> {
  const capabilities = listCapabilities(await tools.client.tool('list_api_calls', options.signal));
  const pager = new CallPager((query, signal) => tools.listApiCalls(query, { signal }), { snapshot: scope.snapshotId, dissection: scope.dissection, kfl, order: 'asc' }, capabilities);
  const items: CallRecord[] = [];
  let total: number | undefined;
  while (pager.more && items.length < cap) {
    const page = await pager.next(options.signal);
    total = page.total;
    for (const call of page.calls) if (items.length < cap) items.push(callRecordOf(call));
    options.onProgress?.({ stage, done: items.length, total: total === undefined ? undefined : Math.min(total, cap) });
  }
  return { items, total, truncated: pager.more || (total !== undefined && items.length < total) };
}

/** Flows, largest first, up to the cap. */
export async function collectFlows(tools: HubTools, scope: GatherScope, options: GatherOptions): Promise<Collected<FlowRecord>> {
  const tool = await tools.client.tool('list_l4_flows', options.signal);
  const properties = schemaProperties(tool);
  const pages = properties === undefined || prop(properties, 'offset') !== undefined;
  const items: FlowRecord[] = [];
  let total: number | undefined;
  let truncated: boolean;
  for (;;) {
    const { result } = await tools.client.call('list_l4_flows', {
      scope: scope.snapshotId, dissection: scope.dissection, limit: Math.min(FLOW_PAGE, options.flowCap - items.length), offset: pages && items.length > 0 ? items.length : undefined,
    }, {}, { signal: options.signal });
    const page = parseFlowPage(result);
    items.push(...page.flows.slice(0, options.flowCap - items.length));
    total = page.total;
    truncated = page.truncated;
    options.onProgress?.({ stage: 'flows', done: items.length, total });
    if (!page.truncated || !pages || page.flows.length === 0 || items.length >= options.flowCap) break;
  }
  return { items, total, truncated };
}

async function workloadIps(tools: HubTools, scope: GatherScope, options: GatherOptions): Promise<string[]> {
  if (!tools.offers('list_workloads')) return [];
  try {
    const workloads = await tools.listWorkloads(scope.snapshotId, {}, { signal: options.signal });
    return workloads.flatMap((w) => w.ips.map((ip) => ip.ip));
  } catch (e) {
    // The workloads only refine what counts as internal; a Hub that cannot say leaves the ranges.
    if (isHubError(e, 'cancelled')) throw e;
    return [];
  }
}

const EMPTY: Collected<CallRecord> = { items: [], truncated: false };

/** Everything the analysis reads about one scope. */
export async function gatherSide(tools: HubTools, scope: GatherScope, options: GatherOptions): Promise<SideData> {
  const flows = tools.offers('list_l4_flows') ? await collectFlows(tools, scope, options) : { items: [], truncated: false };
  const calls = await collectCalls(tools, scope, API_CALLS_KFL, options.callCap, 'calls', options);
  // Headers exist only in the full format; a Hub without it cannot show user agents or credentials.
  const full = listCapabilities(await tools.client.tool('list_api_calls', options.signal)).full;
  const toolCalls = full ? await collectCalls(tools, scope, TOOL_CALLS_KFL, options.evidenceCap, 'tool user agents', options) : EMPTY;
  const credentialCalls = full ? await collectCalls(tools, scope, CREDENTIAL_CALLS_KFL, options.evidenceCap, 'credentials', options) : EMPTY;
  options.onProgress?.({ stage: 'workloads', done: 0 });
  return {
    label: scope.label, snapshotId: scope.snapshotId, dissection: scope.dissection, window: scope.window,
    flows, calls, toolCalls, credentialCalls, workloadIps: await workloadIps(tools, scope, options),
  };
}
