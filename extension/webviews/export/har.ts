/**
 * HAR 1.2 entries (http://www.softwareishard.com/blog/har-12-spec/) of full HTTP calls (§4.3).
 * Bodies are the Hub's previews: a cut body is marked in the entry's comment; binary bodies keep
 * their base64 text with `encoding: "base64"`. Timings: the whole exchange is `wait`, as only the
 * request-to-response time is known.
 */
import { asObject, type JsonObject, num, prop, str } from '../../client/json';
import { type NameValue } from '../calls/httpParts';
import { protoOf } from '../calls/callFields';
import { cookiePairs, queryPairs } from '../calls/httpParts';

export const HAR_CREATOR = { name: 'Kubeshark Forensics for VS Code', version: '0.1.0' };

function pairs(object: JsonObject | undefined): NameValue[] {
  return Object.keys(object ?? {}).map((name) => ({ name, value: str(object, name) ?? '' }));
}

export function isHttp(call: JsonObject): boolean {
  const proto = protoOf(call);
  return proto === 'http' || proto === 'grpc';
}

export function harEntry(call: JsonObject): Record<string, unknown> {
  const reqHeaders = asObject(prop(call, 'req_headers'));
  const respHeaders = asObject(prop(call, 'resp_headers'));
  const host = str(reqHeaders, 'host') ?? str(reqHeaders, ':authority') ?? `${str(asObject(prop(call, 'dst')), 'ip') ?? ''}:${num(asObject(prop(call, 'dst')), 'port') ?? 0}`;
  const target = str(call, 'url') || str(call, 'path') || '/';
  const version = str(call, 'http_version') ?? 'HTTP/1.1';
  const latency = num(call, 'latency_ms') ?? 0;
  const status = num(call, 'status') ?? 0;
  const reqBody = str(call, 'req_body') ?? '';
  const respBody = str(call, 'resp_body') ?? '';
  const cut = [prop(call, 'req_body_truncated') === true ? 'request' : '', prop(call, 'resp_body_truncated') === true ? 'response' : ''].filter(Boolean);
  const reqType = str(reqHeaders, 'content-type') ?? '';
  const respType = str(respHeaders, 'content-type') ?? '';
  const entry: Record<string, unknown> = {
    startedDateTime: new Date(num(call, 'ts') ?? 0).toISOString(),
    time: latency,
    request: {
      method: str(call, 'method') ?? '', url: `http://${host}${target.startsWith('/') ? target : `/${target}`}`, httpVersion: version,
      cookies: cookiePairs(str(reqHeaders, 'cookie'), false), headers: pairs(reqHeaders), queryString: queryPairs(target),
      ...(reqBody ? { postData: { mimeType: reqType, text: reqBody, ...(str(call, 'req_body_encoding') === 'base64' ? { comment: 'base64' } : {}) } } : {}),
      headersSize: -1, bodySize: reqBody ? -1 : 0,
    },
    response: {
      status, statusText: '', httpVersion: version,
      cookies: cookiePairs(str(respHeaders, 'set-cookie'), true), headers: pairs(respHeaders),
      content: { size: respBody.length, mimeType: respType, text: respBody, ...(str(call, 'resp_body_encoding') === 'base64' ? { encoding: 'base64' } : {}) },
      redirectURL: str(respHeaders, 'location') ?? '', headersSize: -1, bodySize: num(call, 'resp_size') ?? -1,
    },
    cache: {},
    timings: { send: 0, wait: latency, receive: 0 },
    serverIPAddress: str(asObject(prop(call, 'dst')), 'ip') ?? '',
    comment: `Kubeshark call ${str(call, 'id') ?? ''}${cut.length ? `; ${cut.join(' and ')} body cut to the Hub's preview` : ''}`,
  };
  return entry;
}
