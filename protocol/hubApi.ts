/**
 * Wire shapes of the Hub contract (spec/hub-api.md). The Local Hub produces exactly these; the
 * extension's client parses a real Hub's answers leniently into them (unknown keys are kept by the
 * caller, missing optional keys take defaults). Times are Unix milliseconds, UTC.
 */

// ---------------------------------------------------------------- §2 MCP over REST

/** A JSON schema as far as the descriptor uses it (§2.4, §2.5). */
export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null' | readonly string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean)[];
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export interface ToolDescriptor {
  name: string;
  description?: string;
  inputSchema: JsonSchema;
}

export interface PromptDescriptor {
  name: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}

/** `GET <base>/api/mcp` (§2.1). */
export interface HubDescriptor {
  name: string;
  description?: string;
  version?: string;
  tools: ToolDescriptor[];
  prompts?: PromptDescriptor[];
}

/** `POST <base>/api/mcp/tools/call` body (§2.2). */
export interface ToolCallRequest {
  name: string;
  arguments: Record<string, unknown>;
}

/** Error codes of the Local Hub's JSON error bodies (§2.3). */
export type HubErrorCode =
  | 'INVALID_ARGUMENT' | 'KFL_SYNTAX' | 'KFL_TYPE' | 'BPF_SYNTAX' | 'INVALID_CURSOR' | 'OUT_OF_BOUNDS'
  | 'UNAUTHENTICATED'
  | 'UNKNOWN_TOOL' | 'NOT_FOUND'
  | 'SNAPSHOT_NOT_READY' | 'DISSECTION_ACTIVE' | 'ALREADY_EXISTS' | 'CLOUD_DISABLED'
  | 'INTERNAL';

/** Body of every non-2xx answer of the Local Hub. */
export interface HubErrorBody {
  error: {
    code: HubErrorCode;
    message: string;
    details?: HubErrorDetails;
  };
}

export type HubErrorDetails =
  | { argument: string }
  /** KFL_SYNTAX / KFL_TYPE: where the first error-level diagnostic is, with its kfl/* code. */
  | { offset: number; line: number; column: number; length: number; diagnostic: string }
  /** BPF_SYNTAX and capture read errors: position in the expression or file. */
  | { offset: number; file?: string }
  | Record<string, unknown>;

/** Ready line the Local Hub prints on stdout once listening (§3.1). */
export interface HubReadyLine {
  event: 'ready';
  port: number;
  version: string;
}

/** Header names (§1.3). */
export const HEADER_AUTHORIZATION = 'X-Kubeshark-Authorization';
export const HEADER_CAPTURE = 'X-Kubeshark-Capture';
export const HEADER_LICENSE_KEY = 'License-Key';

// ---------------------------------------------------------------- §4 shared shapes

/** §4.1 */
export interface Endpoint {
  ip: string;
  port: number;
  pod?: string;
  ns?: string;
  svc?: string;
  node?: string;
}

export type CallProto = 'http' | 'grpc' | 'dns' | 'redis' | 'postgresql' | 'kafka' | 'amqp' | 'tls' | string;

/** §4.2 compact call. */
export interface CallCompact {
  id: string;
  ts: number;
  src: Endpoint;
  dst: Endpoint;
  proto: CallProto;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
}

export type BodyEncoding = 'utf8' | 'base64';

export interface CallError {
  type: 'pair-not-found' | 'timeout' | 'dissection' | string;
  msg: string;
}

/** §4.3 full call (compact plus these). */
export interface CallFull extends CallCompact {
  conn_id: number;
  flow_id: number;
  node_id: string;
  worker: string;
  req_headers: Record<string, string>;
  resp_headers: Record<string, string>;
  req_body: string;
  resp_body: string;
  req_size: number;
  resp_size: number;
  url?: string;
  http_version?: string;
  grpc_method?: string;
  grpc_status?: number;
  dns?: { questions: string[]; answers: string[]; rcode: number; question_types?: string[] };
  tls?: { sni: string; alpn: string[]; version: string };
  redis?: { command: string; key: string; reply?: string };
  postgresql?: { command: string; query: string; database?: string; user?: string; error_code?: string; error_message?: string };
  error?: CallError | null;
  partial?: boolean;
  req_body_encoding?: BodyEncoding;
  resp_body_encoding?: BodyEncoding;
  req_body_truncated?: boolean;
  resp_body_truncated?: boolean;
  /** Local: index of the transport stream within the node, for exporting the one connection. */
  stream?: number;
  /** Local: end of the exchange (last response packet), Unix ms. */
  end_ts?: number;
}

export type CallFormat = 'compact' | 'full' | 'raw';

/** `list_api_calls` result (§5.14). `calls` holds CallCompact, CallFull or raw KFL records by `format`. */
export interface ListApiCallsResult<C = CallCompact> {
  calls: C[];
  total: number;
  truncated: boolean;
  next_cursor: string | null;
  offset?: number;
  groups?: { key: string; total: number }[];
  eval_errors?: number;
}

/** §4.5 */
export type SnapshotStatus = 'in_progress' | 'completed' | 'failed' | string;
export type SnapshotLocation = 'local' | 'cloud' | 'local+cloud' | string;

export interface SnapshotNode {
  name: string;
  start_ts: number;
  end_ts: number;
  packet_count: number;
  size_bytes: number;
  file_count: number;
}

export interface Snapshot {
  id: string;
  name: string;
  status: SnapshotStatus;
  size_bytes: number;
  created_at: number | string;
  start_ts: number;
  end_ts: number;
  duration: number | string;
  node_count: number;
  packet_count: number;
  location: SnapshotLocation;
  nodes?: SnapshotNode[];
  error?: string | null;
  warnings?: string[];
}

/** §4.6 */
export type DissectionStatus = 'pending' | 'downloading' | 'running' | 'uploading' | 'completed' | 'failed' | 'cancelled' | string;

export interface DissectionStats {
  pcap_files: number;
  pcap_bytes: number;
  packets_processed: number;
  entries_created: number;
  protocol_counts: Record<string, number>;
}

export interface Dissection {
  dissection_id: string;
  snapshot_id: string;
  snapshot: string;
  name: string;
  status: DissectionStatus;
  active: boolean;
  progress: number;
  entry_count: number;
  stats?: DissectionStats;
  errors?: string[];
  started_at: number | null;
  completed_at: number | null;
}

/** §4.7 */
export interface CloudJob {
  job_id: string;
  snapshot_id: string;
  operation: 'upload' | 'download';
  status: 'in_progress' | 'completed' | 'failed' | string;
  error?: string | null;
  started_at: number;
  completed_at?: number | null;
}

/** §4.8 */
export interface FlowStats {
  tx_pkts: number;
  rx_pkts: number;
  tx_bytes: number;
  rx_bytes: number;
  tx_pps?: number;
  rx_pps?: number;
  tx_bps?: number;
  rx_bps?: number;
  timestamp?: string;
  tcp_handshake_p50_us?: number;
  tcp_handshake_p90_us?: number;
  tcp_handshake_p99_us?: number;
}

export interface FlowPeer {
  ip: string;
  port?: number;
  pod?: string;
  ns?: string;
  svc?: string;
  node?: string;
}

export interface L4Flow {
  proto: 'tcp' | 'udp' | string;
  client: FlowPeer;
  server: FlowPeer;
  client_stats: FlowStats;
  server_stats: FlowStats;
  totals: { pkts: number; bytes: number; pps: number; bps: number };
}

// ---------------------------------------------------------------- §5 tool results

/** §5.2, and §5.3 with `dissection_enabled`. */
export interface TimeRange {
  oldest_ts: number;
  newest_ts: number;
}

export interface DataBoundaries {
  cluster: TimeRange;
  nodes: ({ name: string } & TimeRange)[];
  /** Local: damaged or unreadable capture files (their packets before the damage still count). */
  errors?: CaptureFileError[];
}

/** Local: where a capture file is damaged. `file` is relative to the captures folder. */
export interface CaptureFileError {
  file: string;
  /** Byte offset of the first damaged record (or 0 for a bad file header). */
  offset: number;
  /** `bad-magic`, `truncated`, `bad-length`, `bad-block`, `unsupported` or `io`. */
  code: string;
  message: string;
}

export interface L7DataBoundaries extends DataBoundaries {
  dissection_enabled: boolean;
}

export interface ListSnapshotsResult {
  snapshots: Snapshot[];
}

export interface DeleteSnapshotResult {
  success: boolean;
  id: string;
  name: string;
}

/** §5.8 Local result of export_snapshot_pcap. */
export interface ExportPcapResult {
  path: string;
  filename: string;
  content_type: 'application/vnd.tcpdump.pcap' | 'application/x-pcapng';
  /** Local: e.g. packets of a link type the BPF cannot apply to are left out. */
  warnings?: string[];
}

/** §5.9 */
export interface Workload {
  name: string;
  namespace: string;
  kind: 'pod' | 'service' | string;
  labels: Record<string, string>;
  ips: { ip: string; timestamp: number }[];
}

export interface ListWorkloadsResult {
  workloads: Workload[];
  total: number;
}

/** §5.10 */
export interface IpRecords {
  ip: string;
  records: { name: string; namespace: string; timestamp: number; kind?: string }[];
}

export interface ListIpsResult {
  ips: IpRecords[];
  total: number;
}

export interface ListDissectionsResult {
  dissections: Dissection[];
}

/** §5.15 */
export interface GetApiCallResult {
  call: CallFull;
}

/** §5.16 */
export interface ConnStats {
  state: 'open' | 'in_progress' | 'closed' | string;
  local_pkts: number;
  local_bytes: number;
  remote_pkts: number;
  remote_bytes: number;
}

export interface GetApiCallDetailsResult {
  entry: CallFull;
  req_body: string;
  resp_body: string;
  truncated: boolean;
  l4_flow?: ConnStats & { flow_id: number; local_pps: number; local_bps: number; remote_pps: number; remote_bps: number };
  l4_conn?: ConnStats & { conn_id: number };
  pcap?: string;
  pcap_truncated?: boolean;
}

/** §5.17 */
export interface LatencySummary {
  count: number;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export interface ApiStats {
  scope: { snapshot_id?: string; dissection?: string; kfl: string; start_time: number | null; end_time: number | null };
  approximate: boolean;
  totals: {
    calls: number; errors: number; client_errors: number; error_rate: number;
    req_bytes: number; resp_bytes: number; first_ts: number | null; last_ts: number | null; calls_per_sec: number;
  };
  latency_ms: LatencySummary;
  by_protocol: { proto: string; calls: number; errors: number; error_rate: number; p50_ms: number | null; p90_ms: number | null; p99_ms: number | null }[];
  status_classes: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  top_endpoints: { proto: string; method: string; path: string; dst: string; calls: number; errors: number; error_rate: number; p50_ms: number | null; p90_ms: number | null; p99_ms: number | null }[];
  top_talkers: { src: string; dst: string; calls: number; errors: number; bytes: number }[];
  time_series: { bucket_ms: number; start_ts: number | null; buckets: { ts: number; calls: number; errors: number; p50_ms: number | null; p99_ms: number | null; bytes: number }[] };
}

/** §5.18 */
export interface ListL4FlowsResult {
  flows: L4Flow[];
  total: number;
  truncated: boolean;
}

/** §5.19 */
export interface L4FlowSummary {
  total_flows: number;
  tcp_flows: number;
  udp_flows: number;
  total_bytes: number;
  total_pkts: number;
  unique_clients: number;
  unique_servers: number;
  top_by_bytes: { client_pod: string; server_pod: string; bytes: number }[];
  top_by_pkts: { client_pod: string; server_pod: string; pkts: number }[];
  by_namespace: Record<string, number>;
  cross_namespace: { src_ns: string; dst_ns: string; flows: number; bytes: number }[];
}

/** §5.20 */
export interface CloudStorageStatus {
  enabled: boolean;
  provider?: string;
  connected: boolean;
}

/** §5.21, §5.22 */
export interface CloudJobStarted {
  success: boolean;
  job_id: string;
}
