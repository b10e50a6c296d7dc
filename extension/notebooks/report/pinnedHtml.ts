/**
 * A call pinned to the report: its summary, both identities, the headers, cookies and bodies of
 * request and response, and what its protocol adds (DNS, TLS, gRPC, errors). Read leniently from
 * the cell's metadata and escaped throughout; base64 bodies stay base64 (no decoding of captured
 * bytes into the document).
 */
import { arr, asObject, bool, type JsonObject, num, prop, str } from '../../client/json';
import { formatBytes, formatCount } from '../../util/format';
import { formatMillis } from '../outputs/numbers';
import { escapeHtml } from '../../util/escapeHtml';
import { facts, htmlTable, visibleBlockHtml, visibleHtml } from './html';

const MAX_PAIRS = 200;
const text = (o: JsonObject | undefined, key: string): string => visibleHtml(str(o, key) ?? '');
const strings = (o: JsonObject | undefined, key: string): string => visibleHtml((arr(o, key) ?? []).filter((v): v is string => typeof v === 'string').join(', '));

function identity(o: JsonObject | undefined): string {
  const name = str(o, 'pod') ?? str(o, 'service');
  const ns = str(o, 'namespace');
  const where = `${str(o, 'ip') ?? ''}:${num(o, 'port') ?? ''}`;
  return visibleHtml(name ? `${ns ? `${ns}/` : ''}${name} (${where})` : where);
}

function pairs(o: JsonObject | undefined, key: string, title: string): string {
  const list = (arr(o, key) ?? []).slice(0, MAX_PAIRS).map(asObject).filter((p): p is JsonObject => p !== undefined);
  return list.length === 0 ? '' : `<h5>${escapeHtml(title)}</h5>${htmlTable(['Name', 'Value'], list.map((p) => [text(p, 'name'), text(p, 'value')]))}`;
}

function body(message: JsonObject | undefined): string {
  const b = asObject(prop(message, 'body'));
  if (!b) return '';
  const base64 = str(b, 'encoding') === 'base64';
  const notes = [
    str(b, 'contentType') ? visibleHtml(str(b, 'contentType')!) : '', base64 ? 'binary, shown as base64' : '',
    num(b, 'size') !== undefined ? formatBytes(num(b, 'size')!) : '', bool(b, 'truncated') ? 'cut (the whole body is in the Hub)' : '',
  ].filter(Boolean).join(' · ');
  return `<h5>Body${notes ? ` <span class="meta">(${notes})</span>` : ''}</h5><pre>${visibleBlockHtml(str(b, 'text') ?? '')}</pre>`;
}

function side(call: JsonObject, key: 'request' | 'response', title: string): string {
  const message = asObject(prop(call, key));
  const inner = [pairs(message, 'headers', 'Headers'), pairs(message, 'cookies', 'Cookies'), body(message)].join('');
  return inner ? `<h4>${title}</h4>${inner}` : '';
}

export function pinnedCallHtml(pinned: JsonObject): string | undefined {
  const call = asObject(prop(pinned, 'call'));
  const id = str(call, 'id');
  if (!call || !id) return undefined;
  const dns = asObject(prop(call, 'dns'));
  const tls = asObject(prop(call, 'tls'));
  const grpc = asObject(prop(call, 'grpc'));
  const error = asObject(prop(call, 'error'));
  const status = num(call, 'status');
  const elapsed = num(call, 'elapsedMs');
  const summary = facts([
    ['Call', `<span class="mono">${visibleHtml(id)}</span>`],
    ['Time', text(call, 'time')], ['Ended', text(call, 'endTime')],
    ['Request', `${text(call, 'proto')} ${text(call, 'method')} ${text(call, 'url')}`],
    ['Status', status === undefined || status === 0 ? '–' : formatCount(status)],
    ['Elapsed', elapsed === undefined ? undefined : formatMillis(elapsed)],
    ['Source', identity(asObject(prop(call, 'src')))], ['Destination', identity(asObject(prop(call, 'dst')))],
    ['Node', text(call, 'node')], ['Scope', text(asObject(prop(call, 'scope')), 'label')],
    ['DNS', dns && `${strings(dns, 'questionTypes')} ${strings(dns, 'questions')} → ${strings(dns, 'answers') || '(no answer)'} (rcode ${num(dns, 'rcode') ?? '?'})`],
    ['TLS', tls && `SNI ${text(tls, 'sni')} · ${text(tls, 'version')} · ALPN ${strings(tls, 'alpn')}`],
    ['gRPC', grpc && `${text(grpc, 'method')} (status ${num(grpc, 'status') ?? '?'})`],
    ['Error', error && `${text(error, 'type')}: ${text(error, 'message')}`],
    ['Partial', bool(call, 'partial') ? 'yes: headers could not be decoded (capture started mid-connection)' : undefined],
    ['Pinned', text(pinned, 'pinnedAtText')],
  ]);
  return `<section class="pinned"><h3>Pinned call ${visibleHtml(`${str(call, 'method') ?? ''} ${str(call, 'path') ?? ''}`.trim() || id)}</h3>${summary}${pairs(call, 'query', 'Query')}${side(call, 'request', 'Request')}${side(call, 'response', 'Response')}</section>`;
}
