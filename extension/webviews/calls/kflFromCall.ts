/**
 * KFL filters built from a call (spec/kfl.md §2, §9): "Copy as KFL Filter" finds this exchange
 * (its protocol, 4-tuple, method, path and millisecond); "Find Calls Like This" finds calls of the
 * same kind to the same destination. Every captured string goes in as an escaped KFL literal.
 */
import { rfc3339Utc } from '../../../kfl/localTime';
import { type JsonObject, num, str } from '../../client/json';
import { endpointOf, protoOf } from './callFields';

/** Protocols whose KFL flag has the same name as the Hub's `proto` (§9.1). */
const FLAGS = new Set(['http', 'grpc', 'dns', 'tls', 'redis', 'kafka', 'amqp', 'postgresql', 'mysql', 'mongodb', 'ldap', 'ws', 'gql', 'radius', 'diameter', 'sctp', 'icmp']);

/** A double-quoted KFL string: quotes, backslashes and every non-printable-ASCII character escaped. */
export function kflString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

export function protocolTerm(proto: string): string {
  return FLAGS.has(proto) ? proto : `protocol == ${kflString(proto.toUpperCase())}`;
}

/** What a side of the call is, as KFL terms: its pod or service identity when known, else IP (and port). */
function sideTerms(call: JsonObject, side: 'src' | 'dst', withPort: boolean): string[] {
  const e = endpointOf(call, side);
  const name = e.pod ?? e.service;
  if (name) return [...(e.namespace ? [`${side}.namespace == ${kflString(e.namespace)}`] : []), `${side}.name == ${kflString(name)}`];
  return [`${side}.ip == ${kflString(e.ip)}`, ...(withPort ? [`${side}.port == ${e.port}`] : [])];
}

/** The filter that finds this call: protocol, both ends with ports, method, path and its millisecond. */
export function kflForCall(call: JsonObject): string {
  const src = endpointOf(call, 'src');
  const dst = endpointOf(call, 'dst');
  const ts = num(call, 'ts');
  const terms = [
    protocolTerm(protoOf(call)),
    `src.ip == ${kflString(src.ip)}`, `src.port == ${src.port}`, `dst.ip == ${kflString(dst.ip)}`, `dst.port == ${dst.port}`,
    ...methodAndPath(call),
  ];
  if (ts !== undefined) terms.push(`timestamp >= timestamp(${kflString(rfc3339Utc(ts))})`, `timestamp < timestamp(${kflString(rfc3339Utc(ts + 1))})`);
  return terms.join(' && ');
}

/** Calls like this one: same protocol and operation (method and path, DNS name, Redis/SQL command) to the same destination. */
export function kflLikeCall(call: JsonObject): string {
  const proto = protoOf(call);
  const terms = [protocolTerm(proto)];
  if (proto === 'dns') {
    const name = str(call, 'path');
    if (name) terms.push(`${kflString(name)} in dns_questions`);
  } else if (proto === 'redis' || proto === 'postgresql') {
    const method = str(call, 'method');
    if (method) terms.push(`method == ${kflString(method)}`);
  } else {
    terms.push(...methodAndPath(call));
  }
  terms.push(...sideTerms(call, 'dst', true));
  return terms.join(' && ');
}

function methodAndPath(call: JsonObject): string[] {
  const proto = protoOf(call);
  const method = str(call, 'method');
  const path = str(call, 'path');
  // Only HTTP-like calls have KFL's `method`/`path`; for the others the compact fields mean something else (§4.4).
  if (proto !== 'http' && proto !== 'grpc') return [];
  return [...(method ? [`method == ${kflString(method)}`] : []), ...(path ? [`path == ${kflString(path)}`] : [])];
}

/** The filter of a stats row: a protocol, an endpoint (`{id}` segments as wildcards) or a talker pair. */
export function kflForLabel(side: 'src' | 'dst', label: string): string[] {
  const slash = label.indexOf('/');
  if (slash < 0) return [`${side}.ip == ${kflString(label)}`];
  return [`${side}.namespace == ${kflString(label.slice(0, slash))}`, `${side}.name == ${kflString(label.slice(slash + 1))}`];
}

/** A normalised path of get_api_stats (`/orders/{id}`) as a KFL term. */
export function kflForPath(path: string): string {
  if (!path.includes('{id}')) return `path == ${kflString(path)}`;
  const pattern = path.split('{id}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return `path.matches(${kflString(`^${pattern}$`)})`;
}

/** `(base) && extra` with the base left out when it is empty; the line break ends a `//` comment of the base. */
export function andFilters(base: string, extra: string): string {
  return base.trim() ? `(${base.trim()}\n) && ${extra}` : extra;
}

