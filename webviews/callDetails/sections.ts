/** The sections of the call details view, each built from the host's CallDetails.Call. */
import { type CallDetails } from '../../protocol/webviewMessages';
import { definitionList, h } from '../common/dom';
import { bytes, millis } from '../common/format';
import { renderBody } from './body';

type Call = CallDetails.Call;

export function section(title: string, ...content: (Node | null)[]): HTMLDetailsElement {
  const details = h('details', { class: 'section' }, h('summary', { plain: title }), ...content);
  details.open = true;
  return details;
}

export function pairsTable(pairs: readonly CallDetails.Pair[], nameLabel = 'Name', valueLabel = 'Value'): HTMLElement {
  if (pairs.length === 0) return h('div', { class: 'muted', plain: 'None' });
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { plain: nameLabel }), h('th', { plain: valueLabel }))),
    h('tbody', {}, ...pairs.map((p) => h('tr', {}, h('td', { class: 'mono name', text: p.name }), h('td', { class: 'mono', text: p.value })))));
}

export function overview(call: Call): HTMLElement {
  return definitionList([
    ['Time', call.time],
    ['Response complete', call.endTime],
    ['Elapsed', call.elapsedMs === null ? 'no response' : millis(call.elapsedMs)],
    ['Request size', call.reqSize === null ? undefined : bytes(call.reqSize)],
    ['Response size', call.respSize === null ? undefined : bytes(call.respSize)],
    ['Protocol', call.httpVersion ? `${call.proto} (${call.httpVersion})` : call.proto],
    ['Node', call.node],
    ['Data', call.scope.snapshotId ? `snapshot ${call.scope.label} (${call.scope.snapshotId}), dissection ${call.scope.dissection ?? 'default'}` : call.scope.label],
    ['Call id', call.id],
    ['Partial', call.partial ? 'yes: the capture started mid-connection, some headers are missing' : undefined],
    ['Error', call.error ? `${call.error.type}: ${call.error.message}` : undefined],
  ]);
}

function identity(title: string, side: CallDetails.Identity): HTMLElement {
  return h('div', { class: 'identity' }, h('h3', { plain: title }), definitionList([
    ['Pod', side.pod], ['Namespace', side.namespace], ['Service', side.service], ['Node', side.node],
    ['IP', side.ip], ['Port', side.port], ['Process', side.process],
  ]));
}

export function endpoints(call: Call): HTMLElement {
  return h('div', { class: 'identities' }, identity('Source (client)', call.src), identity('Destination (server)', call.dst));
}

export function message(side: 'request' | 'response', msg: CallDetails.Message, query: readonly CallDetails.Pair[], openBody: () => void): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (side === 'request' && query.length > 0) parts.push(h('h3', { plain: 'Query' }), pairsTable(query));
  parts.push(h('h3', { plain: 'Headers' }), pairsTable(msg.headers));
  if (msg.cookies.length > 0) parts.push(h('h3', { plain: 'Cookies' }), pairsTable(msg.cookies));
  if (msg.body) parts.push(h('h3', { plain: `Body${msg.body.contentType ? ` (${msg.body.contentType})` : ''}` }), renderBody(msg.body, openBody));
  return parts;
}

/** The protocol-specific part (gRPC, DNS, TLS, Redis, SQL); null when the call has none. */
export function protocolPart(call: Call): HTMLElement | null {
  if (call.grpc) return section('gRPC', definitionList([['Method', call.grpc.method], ['grpc-status', String(call.grpc.status)]]));
  if (call.dns) {
    return section('DNS',
      definitionList([['Response code', String(call.dns.rcode)], ['Question types', call.dns.questionTypes.join(', ')]]),
      h('h3', { plain: 'Questions' }), list(call.dns.questions),
      h('h3', { plain: 'Answers' }), list(call.dns.answers));
  }
  if (call.tls) return section('TLS', definitionList([['SNI', call.tls.sni], ['Version', call.tls.version], ['ALPN', call.tls.alpn.join(', ')]]));
  if (call.redis) return section('Redis', definitionList([['Command', call.redis.command], ['Key', call.redis.key], ['Reply', call.redis.reply]]));
  if (call.sql) {
    const query = h('pre', { class: 'text', text: call.sql.query });
    return section('SQL', definitionList([['Command', call.sql.command], ['Database', call.sql.database], ['User', call.sql.user], ['Error code', call.sql.errorCode], ['Error', call.sql.errorMessage]]), h('h3', { plain: 'Query' }), query);
  }
  return null;
}

function list(items: readonly string[]): HTMLElement {
  if (items.length === 0) return h('div', { class: 'muted', plain: 'None' });
  return h('ul', { class: 'plain-list' }, ...items.map((item) => h('li', { class: 'mono', text: item })));
}
