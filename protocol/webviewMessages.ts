/**
 * Messages between the extension host and its webviews (the call list, call details and stats
 * panels), declared once for both ends. Every view follows the same rules:
 *
 * - The webview posts `{type: 'ready'}` once its listener is installed — after every (re)load of
 *   its document — and the host posts nothing before that (the ready handshake).
 * - One-way messages are discriminated unions on `type`.
 * - A webview asks the host something with `{type: 'request', requestId, method, params}` and the
 *   host answers with `{type: 'reply', requestId, …}`; `method` and the shapes are typed per view
 *   by a `…Requests` map (method → params and result).
 *
 * Times arrive formatted by the host (local time with UTC in the tooltip, kfl/localTime); the
 * webviews never see a Hub, a token or a URL to fetch.
 */
/* eslint-disable @typescript-eslint/no-namespace -- one namespace per view, like the LSP protocol's own convention */

// ---------------------------------------------------------------- shared envelopes

export interface ReadyMessage {
  type: 'ready';
}

/** A request from a webview; `R` is the view's request map. */
export type RequestMessage<R extends RequestMap<R>> = {
  [M in keyof R & string]: { type: 'request'; requestId: number; method: M; params: R[M]['params'] };
}[keyof R & string];

export type ReplyMessage =
  | { type: 'reply'; requestId: number; ok: true; result: unknown }
  | { type: 'reply'; requestId: number; ok: false; error: string };

/** A view's requests: method → params and result. */
export type RequestMap<R> = { [M in keyof R]: { params: unknown; result: unknown } };

/** What the webviews' quick filter and status colouring know about a call's outcome. */
export type StatusClass = 'ok' | 'redirect' | 'client-error' | 'error' | 'no-response';

/** A filter problem positioned in the filter text (from the language server's `kfl/analyze`). */
export interface FilterDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
}

/** Where a view's calls come from: a snapshot's dissection, or the Hub's live data. */
export interface ScopeInfo {
  /** Undefined = live. */
  snapshotId?: string;
  dissection?: string;
  /** `checkout-outage` or `Live traffic`, for titles. */
  label: string;
}

// ---------------------------------------------------------------- call list

export namespace CallList {
  export const viewType = 'kubeshark.callList';

  /** One row, as the host shaped it from a Hub call (§4.2/§4.3); every string is captured data. */
  export interface Row {
    id: string;
    /** Unix ms UTC (for sorting); `time` is its local display, `timeTitle` the local + UTC form. */
    ts: number;
    time: string;
    timeTitle: string;
    proto: string;
    method: string;
    path: string;
    status: number;
    statusClass: StatusClass;
    /** Milliseconds; null when there was no response. */
    elapsedMs: number | null;
    /** `prod/api-gateway`, else `10.0.1.5:51148`; the title carries every identity field. */
    src: string;
    srcTitle: string;
    dst: string;
    dstTitle: string;
    node: string;
    /** Bytes on the wire; null when the Hub did not say (compact format). */
    reqSize: number | null;
    respSize: number | null;
  }

  export type ColumnId = 'time' | 'proto' | 'method' | 'path' | 'status' | 'elapsed' | 'endpoints' | 'node' | 'size';

  export type SortDirection = 'asc' | 'desc';

  export interface Sort {
    column: ColumnId;
    direction: SortDirection;
  }

  /** Row actions; the host decides which apply to a row (cURL: HTTP only; PCAP: snapshot scope only). */
  export type RowAction = 'details' | 'pinDetails' | 'copyKfl' | 'copyCurl' | 'exportPcap' | 'openInNotebook';

  export type ExportFormat = 'json' | 'csv' | 'har';

  /** Kept by the webview with setState and handed to the panel serializer after a reload. */
  export interface PersistedState {
    scope: ScopeInfo;
    /** The filter of the rows on screen (the last good one). */
    kfl: string;
    /** The filter bar's text (may differ from `kfl` while being edited). */
    draft: string;
    sort: Sort;
    hidden: ColumnId[];
    quickFilter: string;
    selectedId?: string;
  }

  export interface Capabilities {
    /** The Hub's list_api_calls takes `order`: time is sorted by the Hub, other columns over loaded rows. */
    serverTimeOrder: boolean;
    /** Rows of a snapshot scope can export their connection's PCAP. */
    exportPcap: boolean;
    /** `kubeshark.openInNotebook` is registered. */
    openInNotebook: boolean;
  }

  export interface Init {
    type: 'init';
    scope: ScopeInfo;
    kfl: string;
    sort: Sort;
    capabilities: Capabilities;
  }

  /** Rows of a query: `reset` starts over (a new query or order), else they are appended. */
  export interface Rows {
    type: 'rows';
    queryId: number;
    kfl: string;
    reset: boolean;
    rows: Row[];
    /** Matches the Hub reported; undefined when it does not say. */
    total?: number;
    loaded: number;
    /** More pages can be fetched. */
    more: boolean;
    /** E.g. "This Hub returns at most 1,000 calls per query; showing the first 1,000 of 5,731". */
    note?: string;
  }

  export type ToWebview =
    | Init
    | Rows
    | { type: 'loading'; queryId: number; kfl: string }
    /** The query failed; the rows on screen (the last good result) stay. */
    | { type: 'queryFailed'; queryId: number; kfl: string; message: string; diagnostics: FilterDiagnostic[] }
    | ReplyMessage;

  export interface Requests {
    /** Checks a filter as it is typed: the language server's diagnostics. */
    analyze: { params: { text: string }; result: { diagnostics: FilterDiagnostic[]; hasErrors: boolean } };
  }

  export type ToHost =
    | ReadyMessage
    | RequestMessage<Requests>
    /** Runs a filter; `force` sends it although the language server found errors. */
    | { type: 'query'; kfl: string; force?: boolean }
    | { type: 'loadMore' }
    /** Time order from the Hub (only sent when capabilities.serverTimeOrder). */
    | { type: 'order'; direction: SortDirection }
    | { type: 'action'; action: RowAction; id: string }
    /** Export these rows (the loaded ones, in the order and quick filter on screen). */
    | { type: 'export'; format: ExportFormat; ids: string[] }
    | { type: 'openStats' };
}

// ---------------------------------------------------------------- call details

export namespace CallDetails {
  export const viewType = 'kubeshark.callDetails';

  export interface Pair {
    name: string;
    value: string;
  }

  export interface Body {
    /** Text as the Hub sent it: UTF-8 text, or base64 when `encoding` is base64. */
    text: string;
    encoding: 'utf8' | 'base64';
    /** From the content-type header: pretty-print JSON when it parses. */
    contentType: string;
    /** The Hub cut it (its preview cap) or the view will (its own cap): offer "Open in Editor". */
    truncated: boolean;
    /** Bytes on the wire when known. */
    size: number | null;
  }

  export interface Message {
    headers: Pair[];
    cookies: Pair[];
    body: Body | null;
  }

  /** Everything captured about one side of the call. */
  export interface Identity {
    ip: string;
    port: number;
    pod?: string;
    namespace?: string;
    service?: string;
    node?: string;
    process?: string;
  }

  export interface Call {
    id: string;
    scope: ScopeInfo;
    proto: string;
    method: string;
    /** Path with query (`url` of §4.3), else the path. */
    url: string;
    path: string;
    status: number;
    statusClass: StatusClass;
    httpVersion?: string;
    /** Local time with UTC beside it. */
    time: string;
    endTime?: string;
    elapsedMs: number | null;
    reqSize: number | null;
    respSize: number | null;
    node: string;
    src: Identity;
    dst: Identity;
    query: Pair[];
    request: Message;
    response: Message;
    grpc?: { method: string; status: number };
    dns?: { questions: string[]; answers: string[]; rcode: number; questionTypes: string[] };
    tls?: { sni: string; version: string; alpn: string[] };
    redis?: { command: string; key: string; reply: string };
    sql?: { command: string; query: string; database: string; user: string; errorCode: string; errorMessage: string };
    error?: { type: string; message: string };
    partial: boolean;
    /** L4 figures of get_api_call_details when offered. */
    connection?: Pair[];
    /** The KFL filter "Find calls like this" opens. */
    similarKfl: string;
  }

  export interface Capabilities {
    curl: boolean;
    exportPcap: boolean;
    openInNotebook: boolean;
  }

  export interface PersistedState {
    id: string;
    scope: ScopeInfo;
    pinned: boolean;
  }

  export type Button = 'copyCurl' | 'exportPcap' | 'copyJson' | 'findSimilar' | 'openInNotebook' | 'pin';

  export type ToWebview =
    | { type: 'loading'; id: string; scope: ScopeInfo; pinned: boolean }
    | { type: 'call'; call: Call; capabilities: Capabilities; pinned: boolean }
    | { type: 'failed'; id: string; scope: ScopeInfo; message: string; pinned: boolean };

  export type ToHost =
    | ReadyMessage
    | { type: 'button'; button: Button }
    /** Opens the whole body of one side in an editor (fetched again without the preview cap). */
    | { type: 'openBody'; side: 'request' | 'response' };
}

// ---------------------------------------------------------------- stats

export namespace Stats {
  export const viewType = 'kubeshark.stats';

  export interface Bucket {
    ts: number;
    /** Local time of the bucket start (the tooltip carries UTC too). */
    label: string;
    title: string;
    calls: number;
    errors: number;
    p50: number | null;
    p99: number | null;
  }

  /** get_api_stats (§5.17) as far as a Hub answered it; what is missing stays undefined. */
  export interface Summary {
    scope: ScopeInfo;
    kfl: string;
    window?: string;
    approximate: boolean;
    totals?: { calls: number; errors: number; clientErrors: number; errorRate: number; reqBytes: number; respBytes: number; callsPerSec: number };
    latency?: { count: number; min: number | null; p50: number | null; p90: number | null; p99: number | null; max: number | null; mean: number | null };
    byProtocol: { proto: string; calls: number; errors: number; errorRate: number; p50: number | null; p90: number | null; p99: number | null }[];
    statusClasses?: Record<string, number>;
    topEndpoints: { proto: string; method: string; path: string; dst: string; calls: number; errors: number; errorRate: number; p50: number | null; p99: number | null }[];
    topTalkers: { src: string; dst: string; calls: number; errors: number; bytes: number }[];
    buckets: Bucket[];
    bucketMs?: number;
    /** Pretty JSON of what the view does not render (a real Hub's unknown keys). */
    extra?: string;
  }

  export interface PersistedState {
    scope: ScopeInfo;
    kfl: string;
  }

  export type ToWebview =
    | { type: 'loading'; scope: ScopeInfo; kfl: string }
    | { type: 'stats'; summary: Summary }
    | { type: 'failed'; scope: ScopeInfo; kfl: string; message: string };

  export type ToHost =
    | ReadyMessage
    | { type: 'refresh' }
    /** Opens the call list of a row of a summary table (the host builds its KFL filter). */
    | { type: 'openCalls'; table: 'protocol' | 'endpoint' | 'talker'; index: number };
}

// ---------------------------------------------------------------- L4 flows

/** What a side of a flow or a map node is: a known workload, an internal address, or an external one. */
export type PeerKind = 'workload' | 'internal' | 'external';

export namespace Flows {
  export const viewType = 'kubeshark.flows';

  /** `flow`: one row per client → server:port; the others merge the sides that share the key. */
  export type Level = 'flow' | 'pod' | 'workload' | 'service' | 'namespace' | 'node';

  export interface Row {
    /** Names the row in messages and in the row's context menu (the host keeps its addresses). */
    id: string;
    proto: string;
    client: string;
    clientKind: PeerKind;
    /** The addresses behind the label, for the tooltip. */
    clientTitle: string;
    server: string;
    serverKind: PeerKind;
    serverTitle: string;
    ports: string;
    flows: number;
    pkts: number;
    bytes: number;
    /** Bytes the client sent and received. */
    sent: number;
    received: number;
    bps: number;
    pps: number;
  }

  export type ColumnId = 'proto' | 'client' | 'server' | 'ports' | 'flows' | 'pkts' | 'bytes' | 'sent' | 'received' | 'bps';

  /** get_l4_flow_summary (§5.19) as far as the Hub answered it. */
  export interface Summary {
    totalFlows?: number;
    tcpFlows?: number;
    udpFlows?: number;
    totalBytes?: number;
    totalPkts?: number;
    uniqueClients?: number;
    uniqueServers?: number;
    crossNamespace: { src: string; dst: string; flows: number; bytes: number }[];
  }

  export interface PersistedState {
    scope: ScopeInfo;
    level: Level;
    sort: { column: ColumnId; direction: 'asc' | 'desc' };
    quickFilter: string;
  }

  export type ToWebview =
    | { type: 'init'; scope: ScopeInfo; level: Level; exportPcap: boolean; restored: boolean }
    | { type: 'loading'; level: Level }
    | { type: 'rows'; level: Level; rows: Row[]; summary?: Summary; note?: string }
    | { type: 'failed'; message: string };

  export type RowAction = 'exportPcap' | 'openCalls';

  export type ToHost =
    | ReadyMessage
    | { type: 'level'; level: Level }
    | { type: 'refresh' }
    | { type: 'openMap' }
    | { type: 'action'; action: RowAction; id: string };
}

// ---------------------------------------------------------------- service map

export namespace ServiceMap {
  export const viewType = 'kubeshark.serviceMap';

  export type Level = 'workload' | 'namespace';
  export type Weight = 'bytes' | 'calls';

  export interface Node {
    id: string;
    kind: PeerKind;
    bytes: number;
    calls: number;
    /** Addresses and totals, for the tooltip. */
    title: string;
  }

  export interface Edge {
    /** Index in the graph's edges: the webview names an edge only by it. */
    id: number;
    source: string;
    target: string;
    bytes: number;
    calls: number;
    errors: number;
    errorRate: number;
    /** Median latency, ms; null without calls. */
    p50: number | null;
    title: string;
  }

  export interface Graph {
    scope: ScopeInfo;
    level: Level;
    nodes: Node[];
    edges: Edge[];
    /** E.g. "The 1,500 largest of 1,812 nodes are drawn". */
    note?: string;
  }

  export interface PersistedState {
    scope: ScopeInfo;
    level: Level;
    weight: Weight;
  }

  export type ToWebview =
    | { type: 'loading'; scope: ScopeInfo; level: Level; weight: Weight; message: string }
    | { type: 'graph'; graph: Graph; weight: Weight }
    | { type: 'failed'; scope: ScopeInfo; message: string };

  export type ToHost =
    | ReadyMessage
    /** Opens the calls of an edge (the host builds the KFL filter from the edge's addresses). */
    | { type: 'openEdge'; edge: number }
    | { type: 'level'; level: Level }
    | { type: 'weight'; weight: Weight }
    | { type: 'refresh' }
    /** The graph is drawn: what is on screen (tests and the status line read it). */
    | { type: 'rendered'; nodes: number; edges: number; layoutMs: number; overlaps: number };
}

// ---------------------------------------------------------------- compare

export namespace Compare {
  export const viewType = 'kubeshark.compare';

  export interface Figures {
    calls: number;
    errors: number;
    errorRate: number;
    p50: number | null;
    p90: number | null;
    p99: number | null;
    bytes: number;
  }

  export interface Test {
    metric: 'errors' | 'latency' | 'calls';
    text: string;
    significant: boolean;
  }

  export interface Row {
    /** Index in the result's rows (how the webview names a row). */
    index: number;
    kind: 'pair' | 'endpoint';
    label: string;
    a?: Figures;
    b?: Figures;
    /** Largest significant |z|; 0 when nothing is significant. */
    score: number;
    tests: Test[];
  }

  export type Category = 'edge' | 'external' | 'dns' | 'endpoint' | 'userAgent';

  export interface Change {
    index: number;
    category: Category;
    label: string;
    count: number;
  }

  export interface Result {
    a: ScopeInfo;
    b: ScopeInfo;
    rows: Row[];
    /** In B, not in A. */
    added: Change[];
    /** In A, not in B. */
    removed: Change[];
    notes: string[];
    /** The thresholds in force, e.g. "min 20 calls, |z| ≥ 3, latency ×1.5, error rate ±1 point". */
    thresholds: string;
  }

  export interface PersistedState {
    a: ScopeInfo;
    b: ScopeInfo;
  }

  export type Table = 'row' | 'added' | 'removed';

  export type ToWebview =
    | { type: 'loading'; a: ScopeInfo; b: ScopeInfo; message: string }
    | { type: 'result'; result: Result }
    | { type: 'failed'; a: ScopeInfo; b: ScopeInfo; message: string };

  export type ToHost =
    | ReadyMessage
    | { type: 'refresh' }
    /** Opens the calls of a row (side a or b) or of a new/vanished item (its own side). */
    | { type: 'openCalls'; table: Table; index: number; side: 'a' | 'b' };
}
