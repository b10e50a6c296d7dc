/**
 * Typed calls of the tools the extension's features use, on top of HubClient's schema adaptation
 * and with each tool's unwrap rules (hub-api.md §5). Notes about arguments a Hub did not take come
 * back with the results that need them (a dropped BPF filter must not go unnoticed).
 */
import { type DroppedArgument, type LogicalArguments, schemaProperties } from './adapt';
import { findTool } from './descriptor';
import { HubError, isHubError } from './errors';
import { type CallOptions, type HubClient } from './hubClient';
import { arr, asObject, bool, type JsonObject, num, prop, str } from './json';
import {
  type Boundaries, type CloudJobInfo, type CloudStatusInfo, type DissectionInfo, type IpInfo, type PcapExportInfo, type SnapshotInfo,
  type TimeWindow, type WorkloadInfo,
} from './model';
import {
  parseBoundaries, parseCloudJob, parseCloudStatus, parseDissection, parseDissectionList, parseIps, parsePcapExport, parseSnapshot,
  parseSnapshotList, parseWorkloads, unwrapCall,
} from './results';

export interface CreateSnapshotRequest {
  name?: string;
  /** Omitted or empty = all nodes. */
  nodes?: readonly string[];
  window?: TimeWindow;
  /** Alternative to `window`: this much time ending at the newest data (`15m`, `1h`). */
  duration?: string;
}

export interface ExportPcapRequest {
  snapshot: string;
  nodes?: readonly string[];
  window?: TimeWindow;
  bpf?: string;
}

export interface WithNotes<T> {
  readonly value: T;
  /** "This Hub's `x` does not take …" for every argument that was dropped. */
  readonly notes: readonly string[];
  /** The dropped arguments by name (logical or exact), e.g. to refuse an export whose BPF filter was dropped. */
  readonly dropped: readonly DroppedArgument[];
}

export interface ApiCallPage {
  readonly calls: readonly JsonObject[];
  readonly total?: number;
  readonly truncated: boolean;
  /** The cursor of the next page (§5.14), when the Hub pages by cursor and there is one. */
  readonly nextCursor?: string;
  readonly raw: unknown;
}

/** What one list_api_calls page asks for (§5.14); paging and order only where the Hub declares them. */
export interface ApiCallQuery {
  snapshot?: string;
  dissection?: string;
  kfl?: string;
  limit?: number;
  cursor?: string;
  offset?: number;
  start?: number;
  end?: number;
  order?: 'asc' | 'desc';
  format?: 'compact' | 'full';
}

export class HubTools {
  private _creating = false;
  /** Dissection ids returned by start calls, for Hubs whose status tool asks for one (§5.12). */
  private readonly _dissectionIds = new Map<string, string>();

  constructor(readonly client: HubClient) {}

  /** Whether the last descriptor lists the tool (features hide what a Hub does not offer). */
  offers(tool: string): boolean {
    return findTool(this.client.cachedDescriptor, tool) !== undefined;
  }

  async boundaries(options?: CallOptions): Promise<Boundaries> {
    return parseBoundaries((await this.client.call('get_data_boundaries', {}, {}, options)).result);
  }

  async listSnapshots(options?: CallOptions): Promise<SnapshotInfo[]> {
    return parseSnapshotList((await this.client.call('list_snapshots', {}, {}, options)).result);
  }

  async getSnapshot(key: string, options?: CallOptions): Promise<SnapshotInfo> {
    const { result } = await this.client.call('get_snapshot', { snapshot: key }, {}, options);
    return requireSnapshot(result, 'get_snapshot');
  }

  /** create_snapshot (§5.6); at most one in flight per Hub, as the official guidance asks. */
  async createSnapshot(request: CreateSnapshotRequest, options?: CallOptions): Promise<WithNotes<SnapshotInfo>> {
    if (this._creating) throw new HubError({ kind: 'conflict', tool: 'create_snapshot', message: 'A snapshot is being created on this Hub already; wait for it to finish' });
    this._creating = true;
    try {
      const logical: LogicalArguments = {
        start: request.window?.start, end: request.window?.end, nodes: request.nodes && request.nodes.length > 0 ? request.nodes : undefined,
      };
      const { result, adapted } = await this.client.call('create_snapshot', logical, { name: request.name || undefined, duration: request.duration }, options);
      return { value: requireSnapshot(result, 'create_snapshot'), notes: adapted.dropped.map((d) => d.note), dropped: adapted.dropped };
    } finally {
      this._creating = false;
    }
  }

  async deleteSnapshot(key: string, options?: CallOptions): Promise<void> {
    await this.client.call('delete_snapshot', { snapshot: key }, {}, options);
  }

  async exportPcap(request: ExportPcapRequest, options?: CallOptions): Promise<WithNotes<PcapExportInfo>> {
    const logical: LogicalArguments = {
      snapshot: request.snapshot, nodes: request.nodes && request.nodes.length > 0 ? request.nodes : undefined,
      start: request.window?.start, end: request.window?.end, bpf: request.bpf || undefined,
    };
    const { result, adapted } = await this.client.call('export_snapshot_pcap', logical, {}, options);
    const exported = parsePcapExport(result);
    if (!exported) throw new HubError({ kind: 'bad_response', tool: 'export_snapshot_pcap', message: `export_snapshot_pcap answered without a download path: ${JSON.stringify(result).slice(0, 200)}` });
    return { value: exported, notes: adapted.dropped.map((d) => d.note), dropped: adapted.dropped };
  }

  async listWorkloads(scope: string | undefined, filters: Readonly<Record<string, unknown>> = {}, options?: CallOptions): Promise<WorkloadInfo[]> {
    return parseWorkloads((await this.client.call('list_workloads', { scope }, filters, options)).result);
  }

  async listIps(scope: string | undefined, filters: Readonly<Record<string, unknown>> = {}, options?: CallOptions): Promise<IpInfo[]> {
    return parseIps((await this.client.call('list_ips', { scope }, filters, options)).result);
  }

  async startDissection(snapshot: string, name = 'default', options?: CallOptions): Promise<DissectionInfo | undefined> {
    const { result } = await this.client.call('start_snapshot_dissection', { dissectionOf: snapshot, dissection: name }, {}, options);
    const dissection = parseDissection(result, snapshot);
    const id = dissection?.dissectionId ?? str(asObject(result), 'dissection_id');
    if (id) this._dissectionIds.set(`${snapshot}/${name}`, id);
    return dissection;
  }

  /** The dissection's state, or undefined when there is none (404, or a 2xx without status: §5.12). */
  async dissectionStatus(snapshot: string, name = 'default', options?: CallOptions): Promise<DissectionInfo | undefined> {
    const tool = await this.client.tool('get_snapshot_dissection_status', options?.signal);
    const knownId = this._dissectionIds.get(`${snapshot}/${name}`);
    const wantsId = prop(schemaProperties(tool), 'dissection_id') !== undefined;
    try {
      const { result } = await this.client.call('get_snapshot_dissection_status', { dissectionOf: snapshot, dissection: name }, wantsId && knownId ? { dissection_id: knownId } : {}, options);
      return parseDissection(result, snapshot);
    } catch (e) {
      if (isHubError(e, 'not_found')) return undefined;
      throw e;
    }
  }

  async listDissections(snapshot?: string, options?: CallOptions): Promise<DissectionInfo[]> {
    const { result } = await this.client.call('list_snapshot_dissections', { dissectionOf: snapshot }, {}, options);
    return parseDissectionList(result, snapshot);
  }

  async cloudStatus(options?: CallOptions): Promise<CloudStatusInfo> {
    return parseCloudStatus((await this.client.call('get_cloud_storage_status', {}, {}, options)).result);
  }

  /** upload_snapshot_to_cloud / download_snapshot_from_cloud (§5.21, §5.22): the job id. */
  async startCloudTransfer(direction: 'upload' | 'download', snapshot: string, options?: CallOptions): Promise<string> {
    const tool = direction === 'upload' ? 'upload_snapshot_to_cloud' : 'download_snapshot_from_cloud';
    const { result } = await this.client.call(tool, { snapshot }, {}, options);
    const jobId = str(asObject(result), 'job_id');
    if (!jobId) throw new HubError({ kind: 'bad_response', tool, message: `${tool} answered without a job id` });
    return jobId;
  }

  async cloudJob(jobId: string, options?: CallOptions): Promise<CloudJobInfo> {
    const { result } = await this.client.call('get_cloud_job_status', {}, { job_id: jobId }, options);
    const job = parseCloudJob(result);
    if (!job) throw new HubError({ kind: 'bad_response', tool: 'get_cloud_job_status', message: 'get_cloud_job_status answered without a job' });
    return job;
  }

  /** One page of list_api_calls scoped to a snapshot's dissection (§5.14). */
  async listApiCalls(scope: ApiCallQuery, options?: CallOptions): Promise<ApiCallPage> {
    const { result } = await this.client.call('list_api_calls', {
      scope: scope.snapshot, dissection: scope.dissection, kfl: scope.kfl ?? '', limit: scope.limit,
      cursor: scope.cursor, offset: scope.offset, start: scope.start, end: scope.end,
    }, { order: scope.order, format: scope.format }, options);
    const object = asObject(result);
    const calls = (Array.isArray(result) ? result : arr(object, 'calls') ?? []).map(asObject).filter((c): c is JsonObject => c !== undefined);
    return { calls, total: num(object, 'total'), truncated: bool(object, 'truncated') ?? false, nextCursor: str(object, 'next_cursor'), raw: result };
  }

  /** One call in full (§5.15), sending the scope it was listed under and its node when declared. */
  async getApiCall(id: string, scope: { snapshot?: string; dissection?: string }, options?: CallOptions): Promise<JsonObject | undefined> {
    const nodeId = id.includes('/') ? id.slice(0, id.indexOf('/')) : undefined;
    const tool = await this.client.tool('get_api_call', options?.signal);
    const takesNode = prop(schemaProperties(tool), 'node_id') !== undefined;
    const { result } = await this.client.call('get_api_call', { scope: scope.snapshot, dissection: scope.dissection }, { id, ...(takesNode && nodeId ? { node_id: nodeId } : {}) }, options);
    return unwrapCall(result);
  }
}

function requireSnapshot(result: unknown, tool: string): SnapshotInfo {
  const snapshot = parseSnapshot(result);
  if (!snapshot) throw new HubError({ kind: 'bad_response', tool, message: `${tool} answered without a snapshot id or name: ${JSON.stringify(result).slice(0, 200)}` });
  return snapshot;
}
