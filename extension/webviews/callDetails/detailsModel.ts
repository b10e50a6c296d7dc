/** A Hub's full call (§4.3, plus §5.16's L4 figures) as the details view's model (CallDetails.Call). */
import { type CallDetails, type ScopeInfo } from '../../../protocol/webviewMessages';
import { arr, asObject, type JsonObject, num, prop, str, strings } from '../../client/json';
import { endpointOf, nodeOf, protoOf, statusClassOf } from '../calls/callFields';
import { cookiePairs, queryPairs } from '../calls/httpParts';
import { kflLikeCall } from '../calls/kflFromCall';
import { type LocalClock } from '../calls/localClock';

function headerPairs(headers: JsonObject | undefined): CallDetails.Pair[] {
  return Object.keys(headers ?? {}).sort().map((name) => ({ name, value: str(headers, name) ?? String(prop(headers, name) ?? '') }));
}

function body(call: JsonObject, side: 'req' | 'resp', headers: JsonObject | undefined): CallDetails.Body | null {
  const text = str(call, `${side}_body`);
  const size = num(call, `${side}_size`) ?? null;
  if (text === undefined) return null;
  return {
    text,
    encoding: str(call, `${side}_body_encoding`) === 'base64' ? 'base64' : 'utf8',
    contentType: str(headers, 'content-type') ?? '',
    truncated: prop(call, `${side}_body_truncated`) === true,
    size,
  };
}

function identity(call: JsonObject, side: 'src' | 'dst', process: string | undefined): CallDetails.Identity {
  const e = endpointOf(call, side);
  return { ip: e.ip, port: e.port, pod: e.pod, namespace: e.namespace, service: e.service, node: e.node, process };
}

function figures(name: string, object: JsonObject | undefined): CallDetails.Pair[] {
  if (!object) return [];
  return Object.keys(object).map((key) => ({ name: `${name} ${key}`, value: String(prop(object, key)) }));
}

export function detailsOf(call: JsonObject, scope: ScopeInfo, clock: LocalClock, l4?: { conn?: JsonObject; flow?: JsonObject }): CallDetails.Call {
  const reqHeaders = asObject(prop(call, 'req_headers'));
  const respHeaders = asObject(prop(call, 'resp_headers'));
  const ts = num(call, 'ts') ?? 0;
  const endTs = num(call, 'end_ts');
  const statusClass = statusClassOf(call);
  const url = str(call, 'url') ?? '';
  const dns = asObject(prop(call, 'dns'));
  const tls = asObject(prop(call, 'tls'));
  const redis = asObject(prop(call, 'redis'));
  const sql = asObject(prop(call, 'postgresql'));
  const error = asObject(prop(call, 'error'));
  const proto = protoOf(call);
  const model: CallDetails.Call = {
    id: str(call, 'id') ?? '',
    scope,
    proto,
    method: str(call, 'method') ?? '',
    url: url || (str(call, 'path') ?? ''),
    path: str(call, 'path') ?? '',
    status: num(call, 'status') ?? 0,
    statusClass,
    httpVersion: str(call, 'http_version'),
    time: clock.full(ts),
    endTime: endTs === undefined || statusClass === 'no-response' ? undefined : clock.full(endTs),
    elapsedMs: statusClass === 'no-response' ? null : num(call, 'latency_ms') ?? null,
    reqSize: num(call, 'req_size') ?? null,
    respSize: num(call, 'resp_size') ?? null,
    node: nodeOf(call),
    src: identity(call, 'src', str(call, 'local_process_name')),
    dst: identity(call, 'dst', str(call, 'remote_process_name')),
    query: queryPairs(url),
    request: { headers: headerPairs(reqHeaders), cookies: cookiePairs(str(reqHeaders, 'cookie'), false), body: body(call, 'req', reqHeaders) },
    response: { headers: headerPairs(respHeaders), cookies: cookiePairs(str(respHeaders, 'set-cookie'), true), body: body(call, 'resp', respHeaders) },
    partial: prop(call, 'partial') === true,
    similarKfl: kflLikeCall(call),
    connection: [...figures('connection', l4?.conn), ...figures('flow', l4?.flow)],
  };
  if (proto === 'grpc') model.grpc = { method: str(call, 'grpc_method') ?? str(call, 'path') ?? '', status: num(call, 'grpc_status') ?? 0 };
  if (dns) model.dns = { questions: strings(arr(dns, 'questions')), answers: strings(arr(dns, 'answers')), rcode: num(dns, 'rcode') ?? 0, questionTypes: strings(arr(dns, 'question_types')) };
  if (tls) model.tls = { sni: str(tls, 'sni') ?? '', version: str(tls, 'version') ?? '', alpn: strings(arr(tls, 'alpn')) };
  if (redis) model.redis = { command: str(redis, 'command') ?? '', key: str(redis, 'key') ?? '', reply: str(redis, 'reply') ?? '' };
  if (sql) {
    model.sql = {
      command: str(sql, 'command') ?? '', query: str(sql, 'query') ?? '', database: str(sql, 'database') ?? '', user: str(sql, 'user') ?? '',
      errorCode: str(sql, 'error_code') ?? '', errorMessage: str(sql, 'error_message') ?? '',
    };
  }
  if (error && str(error, 'type')) model.error = { type: str(error, 'type') ?? '', message: str(error, 'msg') ?? '' };
  return model;
}
