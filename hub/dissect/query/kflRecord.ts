/**
 * The KFL record of a stored row (kfl/README.md "The KFL record", spec §9): the flat object the
 * compiled filters read and `format: "raw"` returns. A filter reads only some fields, so a query
 * builds records holding just the fields its filter names (a projection, one reused object per
 * query); the raw format builds every field that applies to the row.
 */
import { analyze, childrenOf, type Expr } from '../../../kfl/index';
import { queryMap } from '../calls/headerFields';
import { EntryKind, RowFlag } from '../store/entryKind';
import { type Extras } from '../store/extras';
import { type RowView, type SideIdentity, sideIdentity } from './rowView';

type Loader = (v: RowView, row: number) => unknown;

const EMPTY_LIST: readonly string[] = Object.freeze([]);
const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  [EntryKind.Http]: 'HTTP', [EntryKind.Grpc]: 'GRPC', [EntryKind.Dns]: 'DNS', [EntryKind.Redis]: 'REDIS',
  [EntryKind.Postgresql]: 'POSTGRESQL', [EntryKind.Tls]: 'TLS',
};

const str = (e: Extras, key: keyof Extras): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
const num = (e: Extras, key: keyof Extras): number => (typeof e[key] === 'number' ? (e[key] as number) : 0);
const list = (e: Extras, key: keyof Extras): readonly string[] => (Array.isArray(e[key]) ? (e[key] as string[]) : EMPTY_LIST);

function side(v: RowView, row: number, which: 'src' | 'dst'): Record<string, unknown> {
  const c = v.store.columns;
  const id: SideIdentity = which === 'src' ? v.src(row) : v.dst(row);
  const dns = v.store.str(which === 'src' ? c.srcDns[row]! : c.dstDns[row]!);
  return {
    ip: v.store.str(which === 'src' ? c.srcIp[row]! : c.dstIp[row]!),
    port: which === 'src' ? c.srcPort[row]! : c.dstPort[row]!,
    name: id.pod || id.service || dns,
    namespace: id.podNamespace || id.serviceNamespace,
    dns,
    pod: { name: id.pod, namespace: id.podNamespace },
    service: { name: id.service, namespace: id.serviceNamespace },
  };
}

const kindIs = (...kinds: EntryKind[]): Loader => (v, r) => kinds.includes(v.kind(r));
const isHttp = (v: RowView, r: number): boolean => v.kind(r) === EntryKind.Http || v.kind(r) === EntryKind.Grpc;
const l4 = (kind: EntryKind, udp: boolean): Loader => (v, r) => v.kind(r) === kind && v.isUdp(r) === udp;
const ifKind = (kinds: EntryKind[], load: Loader): Loader => (v, r) => (kinds.includes(v.kind(r)) ? load(v, r) : undefined);
const HTTP_KINDS = [EntryKind.Http, EntryKind.Grpc];
const TRANSPORT_KINDS = [EntryKind.Tcp, EntryKind.Conn, EntryKind.Flow];

function seconds(v: RowView, r: number): number {
  const c = v.store.columns;
  // Rates divide by the active time, at least 1 s (spec §4.8).
  return Math.max(1, (c.endUs[r]! - c.tsUs[r]!) / 1e6);
}

/** Every top-level KFL field this Hub fills, with how to read it from a row. */
export const LOADERS: ReadonlyMap<string, Loader> = new Map<string, Loader>([
  ['http', isHttp],
  ['grpc', kindIs(EntryKind.Grpc)],
  ['dns', kindIs(EntryKind.Dns)],
  ['redis', kindIs(EntryKind.Redis)],
  ['postgresql', kindIs(EntryKind.Postgresql)],
  ['tls', (v, r) => v.kind(r) === EntryKind.Tls || v.has(r, RowFlag.OverTls)],
  // Transport flags: stream-error entries and L4 entries, by the transport they were on.
  ['tcp', (v, r) => TRANSPORT_KINDS.includes(v.kind(r)) && !v.isUdp(r)],
  ['udp', (v, r) => TRANSPORT_KINDS.includes(v.kind(r)) && v.isUdp(r)],
  ['conn', kindIs(EntryKind.Conn)],
  ['flow', kindIs(EntryKind.Flow)],
  ['tcp_conn', l4(EntryKind.Conn, false)],
  ['udp_conn', l4(EntryKind.Conn, true)],
  ['tcp_flow', l4(EntryKind.Flow, false)],
  ['udp_flow', l4(EntryKind.Flow, true)],
  ['src', (v, r) => side(v, r, 'src')],
  ['dst', (v, r) => side(v, r, 'dst')],
  ['protocol', (v, r) => (TRANSPORT_KINDS.includes(v.kind(r)) ? (v.isUdp(r) ? 'UDP' : 'TCP') : PROTOCOL_NAMES[v.kind(r)] ?? '')],
  ['id', (_v, r) => r + 1],
  ['node_id', (v, r) => v.store.nodes[v.store.columns.node[r]!] ?? ''],
  ['worker', (v, r) => v.store.nodes[v.store.columns.node[r]!] ?? ''],
  ['index', (v, r) => v.store.columns.index[r]!],
  ['stream', (v, r) => v.store.columns.stream[r]!.toString(16).padStart(8, '0')],
  ['timestamp', (v, r) => v.store.columns.tsUs[r]! / 1000],
  ['elapsed_time', (v, r) => Math.round(v.store.columns.elapsedUs[r]!)],
  ['conn_id', (v, r) => v.store.columns.connId[r]!],
  ['flow_id', (v, r) => v.store.columns.flowId[r]!],
  ['has_pcap', (v, r) => v.has(r, RowFlag.HasPcap)],
  ['capture_source', () => 'af_packet'],
  ['capture_backend', () => 'af_packet'],
  ['capture_source_code', () => 1],
  ['capture', () => ({ source: 'af_packet', backend: 'af_packet' })],
  ['method', (v, r) => v.store.str(v.store.columns.method[r]!)],
  ['path', (v, r) => v.store.str(v.store.columns.path[r]!)],
  ['url', (v, r) => v.store.str(v.store.columns.url[r]!)],
  ['status_code', (v, r) => v.store.columns.status[r]!],
  ['http_version', (v, r) => v.store.str(v.store.columns.httpVersion[r]!)],
  ['query_string', ifKind(HTTP_KINDS, (v, r) => queryMap(v.store.str(v.store.columns.url[r]!)))],
  ['request', ifKind(HTTP_KINDS, (v, r) => v.http(r, 0))],
  ['response', ifKind(HTTP_KINDS, (v, r) => v.http(r, 1))],
  ['request_headers_size', ifKind(HTTP_KINDS, (v, r) => v.store.columns.reqHeaderBytes[r]!)],
  ['request_body_size', ifKind(HTTP_KINDS, (v, r) => v.store.columns.reqBodySize[r]!)],
  ['response_headers_size', ifKind(HTTP_KINDS, (v, r) => v.store.columns.respHeaderBytes[r]!)],
  ['response_body_size', ifKind(HTTP_KINDS, (v, r) => v.store.columns.respBodySize[r]!)],
  ['grpc_method', (v, r) => str(v.extras(r), 'grpc_method')],
  ['grpc_status', (v, r) => v.store.columns.grpcStatus[r]!],
  ['dns_questions', (v, r) => list(v.extras(r), 'dns_questions')],
  ['dns_answers', (v, r) => list(v.extras(r), 'dns_answers')],
  ['dns_question_types', (v, r) => list(v.extras(r), 'dns_question_types')],
  ['dns_request', ifKind([EntryKind.Dns], (v, r) => v.has(r, RowFlag.HasRequest))],
  ['dns_response', ifKind([EntryKind.Dns], (v, r) => v.has(r, RowFlag.HasResponse))],
  ['dns_request_length', ifKind([EntryKind.Dns], (v, r) => v.store.columns.reqSize[r]!)],
  ['dns_response_length', ifKind([EntryKind.Dns], (v, r) => v.store.columns.respSize[r]!)],
  ['dns_total_size', ifKind([EntryKind.Dns], (v, r) => v.store.columns.reqSize[r]! + v.store.columns.respSize[r]!)],
  ['tls_summary', ifKind([EntryKind.Tls], (v, r) => tlsSummary(v.extras(r)))],
  ['tls_info', ifKind([EntryKind.Tls], (v, r) => [str(v.extras(r), 'tls_version'), str(v.extras(r), 'tls_cipher')].filter(Boolean).join(', '))],
  ['tls_request_size', ifKind([EntryKind.Tls], (v, r) => v.store.columns.reqSize[r]!)],
  ['tls_response_size', ifKind([EntryKind.Tls], (v, r) => v.store.columns.respSize[r]!)],
  ['tls_total_size', ifKind([EntryKind.Tls], (v, r) => v.store.columns.reqSize[r]! + v.store.columns.respSize[r]!)],
  ['tcp_error_type', (v, r) => str(v.extras(r), 'tcp_error_type')],
  ['tcp_error_message', (v, r) => str(v.extras(r), 'tcp_error_message')],
  ['tcp_payload', (v, r) => (v.extras(r).tcp_payload instanceof Uint8Array ? v.extras(r).tcp_payload : undefined)],
  ['redis_type', ifKind([EntryKind.Redis], (v, r) => v.store.str(v.store.columns.method[r]!))],
  ['redis_command', (v, r) => str(v.extras(r), 'redis_command')],
  ['redis_key', ifKind([EntryKind.Redis], (v, r) => v.store.str(v.store.columns.path[r]!))],
  ['redis_request_size', ifKind([EntryKind.Redis], (v, r) => v.store.columns.reqSize[r]!)],
  ['redis_response_size', ifKind([EntryKind.Redis], (v, r) => v.store.columns.respSize[r]!)],
  ['redis_total_size', ifKind([EntryKind.Redis], (v, r) => v.store.columns.reqSize[r]! + v.store.columns.respSize[r]!)],
  ['postgresql_command', ifKind([EntryKind.Postgresql], (v, r) => v.store.str(v.store.columns.method[r]!))],
  ['postgresql_query', (v, r) => str(v.extras(r), 'postgresql_query')],
  ['postgresql_database', (v, r) => str(v.extras(r), 'postgresql_database')],
  ['postgresql_user', (v, r) => str(v.extras(r), 'postgresql_user')],
  ['postgresql_error_message', (v, r) => str(v.extras(r), 'postgresql_error_message')],
  ['postgresql_error_code', (v, r) => str(v.extras(r), 'postgresql_error_code')],
  ['postgresql_request_size', ifKind([EntryKind.Postgresql], (v, r) => v.store.columns.reqSize[r]!)],
  ['postgresql_response_size', ifKind([EntryKind.Postgresql], (v, r) => v.store.columns.respSize[r]!)],
  ['postgresql_total_size', ifKind([EntryKind.Postgresql], (v, r) => v.store.columns.reqSize[r]! + v.store.columns.respSize[r]!)],
  ['postgresql_success', ifKind([EntryKind.Postgresql], (v, r) => v.store.columns.status[r] === 0 && v.has(r, RowFlag.HasResponse))],
  ['conn_state', ifKind([EntryKind.Conn], (v, r) => str(v.extras(r), 'conn_state'))],
  ['conn_local_pkts', ifKind([EntryKind.Conn], (v, r) => num(v.extras(r), 'local_pkts'))],
  ['conn_local_bytes', ifKind([EntryKind.Conn], (v, r) => num(v.extras(r), 'local_bytes'))],
  ['conn_remote_pkts', ifKind([EntryKind.Conn], (v, r) => num(v.extras(r), 'remote_pkts'))],
  ['conn_remote_bytes', ifKind([EntryKind.Conn], (v, r) => num(v.extras(r), 'remote_bytes'))],
  ['conn_l7_detected', ifKind([EntryKind.Conn], (v, r) => list(v.extras(r), 'l7_detected'))],
  ['flow_state', ifKind([EntryKind.Flow], (v, r) => str(v.extras(r), 'conn_state'))],
  ['flow_local_pkts', ifKind([EntryKind.Flow], (v, r) => num(v.extras(r), 'local_pkts'))],
  ['flow_local_bytes', ifKind([EntryKind.Flow], (v, r) => num(v.extras(r), 'local_bytes'))],
  ['flow_remote_pkts', ifKind([EntryKind.Flow], (v, r) => num(v.extras(r), 'remote_pkts'))],
  ['flow_remote_bytes', ifKind([EntryKind.Flow], (v, r) => num(v.extras(r), 'remote_bytes'))],
  ['flow_local_pps', ifKind([EntryKind.Flow], (v, r) => Math.round(num(v.extras(r), 'local_pkts') / seconds(v, r)))],
  ['flow_local_bps', ifKind([EntryKind.Flow], (v, r) => Math.round(num(v.extras(r), 'local_bytes') / seconds(v, r)))],
  ['flow_remote_pps', ifKind([EntryKind.Flow], (v, r) => Math.round(num(v.extras(r), 'remote_pkts') / seconds(v, r)))],
  ['flow_remote_bps', ifKind([EntryKind.Flow], (v, r) => Math.round(num(v.extras(r), 'remote_bytes') / seconds(v, r)))],
  ['flow_l7_detected', ifKind([EntryKind.Flow], (v, r) => list(v.extras(r), 'l7_detected'))],
  ['namespaces', (v, r) => unique([v.src(r).podNamespace || v.src(r).serviceNamespace, v.dst(r).podNamespace || v.dst(r).serviceNamespace])],
  ['pods', (v, r) => unique([v.src(r).service ? '' : v.src(r).pod, v.dst(r).service ? '' : v.dst(r).pod])],
  ['services', (v, r) => unique([v.src(r).service, v.dst(r).service])],
  ['local_labels', (v, r) => v.src(r).labels],
  ['remote_labels', (v, r) => v.dst(r).labels],
  ['node', (v, r) => ({ name: v.store.nodes[v.store.columns.node[r]!] ?? '', ip: '' })],
  ['node_name', (v, r) => v.store.nodes[v.store.columns.node[r]!] ?? ''],
  ['local_resolution_status', (v, r) => (v.src(r).resolved ? '' : 'cache_miss')],
  ['remote_resolution_status', (v, r) => (v.dst(r).resolved ? '' : 'cache_miss')],
  ['dns_resolutions', (v, r) => unique([v.store.str(v.store.columns.srcDns[r]!), v.store.str(v.store.columns.dstDns[r]!)])],
]);

function isEmptyMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && Object.keys(value).length === 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((s) => s !== ''))];
}

function tlsSummary(e: Extras): string {
  const sni = str(e, 'tls_sni');
  const version = str(e, 'tls_version');
  return `ClientHello${sni ? ` ${sni}` : ''}${version ? ` → ${version}` : ''}`;
}

/**
 * `src`/`dst` for a projection: one reused object whose getters read the current row, with the
 * `pod` and `service` objects built once per identity — no allocation per row.
 */
function sideReader(v: RowView, which: 'src' | 'dst'): (r: number) => unknown {
  const c = v.store.columns;
  const strings = v.store.strings.values;
  const [ipCol, portCol, identCol, dnsCol] = which === 'src' ? [c.srcIp, c.srcPort, c.srcIdent, c.srcDns] : [c.dstIp, c.dstPort, c.dstIdent, c.dstDns];
  const sides = v.store.identities.map(sideIdentity);
  const pods = sides.map((s) => ({ name: s.pod, namespace: s.podNamespace }));
  const services = sides.map((s) => ({ name: s.service, namespace: s.serviceNamespace }));
  let row = 0;
  const id = (): SideIdentity => sides[identCol[row]!]!;
  const object = {};
  const getters: [string, () => unknown][] = [
    ['ip', () => strings[ipCol[row]!]], ['port', () => portCol[row]], ['dns', () => strings[dnsCol[row]!]],
    ['name', () => id().pod || id().service || strings[dnsCol[row]!]], ['namespace', () => id().podNamespace || id().serviceNamespace],
    ['pod', () => pods[identCol[row]!]], ['service', () => services[identCol[row]!]],
  ];
  for (const [name, get] of getters) Object.defineProperty(object, name, { get, enumerable: true });
  return (r) => {
    row = r;
    return object;
  };
}

/**
 * Readers of the fields most filters test, bound to the store's columns once per query (the
 * general loaders above go through the row view on every read).
 */
const FAST_LOADERS: ReadonlyMap<string, (v: RowView) => (r: number) => unknown> = new Map<string, (v: RowView) => (r: number) => unknown>([
  ['src', (v) => sideReader(v, 'src')],
  ['dst', (v) => sideReader(v, 'dst')],
  ['http', (v) => { const kind = v.store.columns.kind; return (r) => kind[r] === EntryKind.Http || kind[r] === EntryKind.Grpc; }],
  ['grpc', (v) => { const kind = v.store.columns.kind; return (r) => kind[r] === EntryKind.Grpc; }],
  ['dns', (v) => { const kind = v.store.columns.kind; return (r) => kind[r] === EntryKind.Dns; }],
  ['redis', (v) => { const kind = v.store.columns.kind; return (r) => kind[r] === EntryKind.Redis; }],
  ['postgresql', (v) => { const kind = v.store.columns.kind; return (r) => kind[r] === EntryKind.Postgresql; }],
  ['status_code', (v) => { const status = v.store.columns.status; return (r) => status[r]; }],
  ['elapsed_time', (v) => { const elapsed = v.store.columns.elapsedUs; return (r) => Math.round(elapsed[r]!); }],
  ['method', (v) => { const col = v.store.columns.method; const s = v.store.strings.values; return (r) => s[col[r]!]; }],
  ['path', (v) => { const col = v.store.columns.path; const s = v.store.strings.values; return (r) => s[col[r]!]; }],
  ['url', (v) => { const col = v.store.columns.url; const s = v.store.strings.values; return (r) => s[col[r]!]; }],
]);

/** The kinds of entry each protocol or L4 flag is true for (`tls` is left out: it also marks calls over TLS). */
const FLAG_KINDS: ReadonlyMap<string, readonly EntryKind[]> = new Map([
  ['http', HTTP_KINDS], ['grpc', [EntryKind.Grpc]], ['dns', [EntryKind.Dns]], ['redis', [EntryKind.Redis]], ['postgresql', [EntryKind.Postgresql]],
  ['conn', [EntryKind.Conn]], ['flow', [EntryKind.Flow]], ['tcp_conn', [EntryKind.Conn]], ['udp_conn', [EntryKind.Conn]],
  ['tcp_flow', [EntryKind.Flow]], ['udp_flow', [EntryKind.Flow]],
]);

export interface FilterShape {
  /** Top-level names the filter mentions (fields and, harmlessly, macro variables). */
  names: Set<string>;
  /** Kinds a row must have to match (a protocol flag among the top-level `&&` terms), or null. */
  kinds: Set<EntryKind> | null;
}

export function shapeOf(filter: string): FilterShape {
  const names = new Set<string>();
  const ast = analyze(filter).ast;
  const walk = (node: Expr): void => {
    if (node.kind === 'ident') names.add(node.name);
    for (const child of childrenOf(node)) walk(child);
  };
  let kinds: Set<EntryKind> | null = null;
  const conjuncts = (node: Expr): void => {
    if (node.kind === 'binary' && node.op === '&&') {
      conjuncts(node.left);
      conjuncts(node.right);
    } else if (node.kind === 'ident' && FLAG_KINDS.has(node.name)) {
      const allowed = new Set(FLAG_KINDS.get(node.name));
      kinds = kinds === null ? allowed : new Set([...kinds].filter((k) => allowed.has(k)));
    }
  };
  if (ast) {
    walk(ast);
    conjuncts(ast);
  }
  return { names, kinds };
}

/**
 * A function pointing one reused record at a row. The record has an own getter for each field in
 * `names`, so a field is read only when the filter gets to it: `dns && dns_questions.exists(…)`
 * decodes no question list for the rows that are not DNS.
 */
export function projector(view: RowView, names: Iterable<string>): (row: number) => Record<string, unknown> {
  const record: Record<string, unknown> = {};
  let current = 0;
  for (const name of names) {
    const fast = FAST_LOADERS.get(name)?.(view);
    const load = LOADERS.get(name);
    if (fast) Object.defineProperty(record, name, { get: () => fast(current), enumerable: true });
    else if (load) Object.defineProperty(record, name, { get: () => load(view, current), enumerable: true });
  }
  return (row) => {
    current = row;
    return record;
  };
}

/** Every field that applies to the row, for `format: "raw"` (bytes as base64, timestamps as ms). */
export function rawRecord(view: RowView, row: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, load] of LOADERS) {
    const value = load(view, row);
    if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) continue;
    if (isEmptyMap(value)) continue;
    out[name] = value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
  }
  return out;
}
