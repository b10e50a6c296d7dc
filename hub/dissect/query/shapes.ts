/** The API shapes of a stored row: compact (§4.2) and full (§4.3) calls. */
import { type CallCompact, type CallFull, type Endpoint } from '../../../protocol/hubApi';
import { showBody } from '../calls/bodies';
import { EntryKind, RowFlag } from '../store/entryKind';
import { type Extras } from '../store/extras';
import { type RowView, type SideIdentity } from './rowView';

/** Body preview length of the full format (§4.3). */
export const PREVIEW_BYTES = 4096;

function endpoint(ip: string, port: number, id: SideIdentity): Endpoint {
  const e: Endpoint = { ip, port };
  if (id.resolved) {
    if (id.service) e.svc = id.service;
    else e.pod = id.pod;
    e.ns = id.podNamespace || id.serviceNamespace;
  }
  return e;
}

export function compactCall(v: RowView, row: number): CallCompact {
  const s = v.store;
  const c = s.columns;
  return {
    id: s.idOf(row),
    ts: s.tsMs(row),
    src: endpoint(s.str(c.srcIp[row]!), c.srcPort[row]!, v.src(row)),
    dst: endpoint(s.str(c.dstIp[row]!), c.dstPort[row]!, v.dst(row)),
    proto: v.proto(row),
    method: s.str(c.method[row]!),
    path: s.str(c.path[row]!),
    status: c.status[row]!,
    latency_ms: Math.round(c.elapsedUs[row]!) / 1000,
  };
}

const text = (e: Extras, key: keyof Extras): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
const strings = (e: Extras, key: keyof Extras): string[] => (Array.isArray(e[key]) ? [...(e[key] as string[])] : []);

/** The full call; bodies content-decoded and cut to `bodyCap` bytes. */
export function fullCall(v: RowView, row: number, bodyCap = PREVIEW_BYTES): CallFull {
  const s = v.store;
  const c = s.columns;
  const e = v.extras(row);
  const kind = v.kind(row);
  const node = s.nodes[c.node[row]!] ?? '';
  const call: CallFull = {
    ...compactCall(v, row),
    conn_id: c.connId[row]!, flow_id: c.flowId[row]!, node_id: node, worker: node,
    req_headers: { ...v.http(row, 0).headers }, resp_headers: { ...v.http(row, 1).headers },
    req_body: '', resp_body: '', req_size: c.reqSize[row]!, resp_size: c.respSize[row]!,
    stream: c.stream[row]!, end_ts: Math.floor(c.endUs[row]! / 1000),
  };
  const url = s.str(c.url[row]!);
  if (url) call.url = url;
  const version = s.str(c.httpVersion[row]!);
  if (version) call.http_version = version;
  if (kind === EntryKind.Grpc) {
    call.grpc_method = text(e, 'grpc_method');
    call.grpc_status = c.grpcStatus[row]!;
  }
  if (kind === EntryKind.Dns) {
    call.dns = { questions: strings(e, 'dns_questions'), answers: strings(e, 'dns_answers'), rcode: c.status[row]!, question_types: strings(e, 'dns_question_types') };
  }
  if (kind === EntryKind.Tls) call.tls = { sni: text(e, 'tls_sni'), alpn: strings(e, 'tls_alpn'), version: text(e, 'tls_version') };
  if (kind === EntryKind.Redis) call.redis = { command: text(e, 'redis_command'), key: s.str(c.path[row]!), reply: text(e, 'redis_reply') };
  if (kind === EntryKind.Postgresql) {
    call.postgresql = {
      command: s.str(c.method[row]!), query: text(e, 'postgresql_query'), database: text(e, 'postgresql_database'), user: text(e, 'postgresql_user'),
      error_code: text(e, 'postgresql_error_code'), error_message: text(e, 'postgresql_error_message'),
    };
  }
  const errorType = s.str(c.errorType[row]!);
  call.error = errorType ? { type: errorType, msg: s.str(c.errorMsg[row]!) } : null;
  if (v.has(row, RowFlag.Partial)) call.partial = true;
  addBodies(v, row, call, bodyCap);
  return call;
}

function addBodies(v: RowView, row: number, call: CallFull, cap: number): void {
  const details = v.store.details(row);
  if (!details) return;
  const e = v.extras(row);
  const req = showBody(details.reqBody, text(e, 'req_body_encoding'), cap, v.has(row, RowFlag.ReqBodyTruncated));
  const resp = showBody(details.respBody, text(e, 'resp_body_encoding'), cap, v.has(row, RowFlag.RespBodyTruncated));
  call.req_body = req.text;
  call.resp_body = resp.text;
  call.req_body_encoding = req.encoding;
  call.resp_body_encoding = resp.encoding;
  call.req_body_truncated = req.truncated;
  call.resp_body_truncated = resp.truncated;
}
