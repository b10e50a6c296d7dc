/**
 * The stats webview (get_api_stats, hub-api.md §5.17): totals, error rate, latency percentiles,
 * calls per protocol, top endpoints and talkers (each row opens its calls), and time charts.
 */
import './style.css';
import '../common/common.css';
import { type Stats } from '../../protocol/webviewMessages';
import { definitionList, h } from '../common/dom';
import { bytes, count, millis, percent } from '../common/format';
import { Messenger } from '../common/messenger';
import { callsChart, latencyChart } from './charts';

const messenger = new Messenger<Stats.ToHost, Stats.ToWebview>(onMessage);
const root = h('main', { class: 'stats' });
document.body.append(root);
messenger.ready();

function onMessage(msg: Stats.ToWebview): void {
  if (msg.type === 'loading') {
    messenger.saveState<Stats.PersistedState>({ scope: msg.scope, kfl: msg.kfl });
    root.replaceChildren(header(msg.scope.label, msg.kfl), h('p', { class: 'muted', plain: 'Loading statistics…' }));
  } else if (msg.type === 'failed') {
    messenger.saveState<Stats.PersistedState>({ scope: msg.scope, kfl: msg.kfl });
    root.replaceChildren(header(msg.scope.label, msg.kfl), h('p', { class: 'error-text', text: msg.message }));
  } else if (msg.type === 'stats') {
    messenger.saveState<Stats.PersistedState>({ scope: msg.summary.scope, kfl: msg.summary.kfl });
    render(msg.summary);
  }
}

function header(label: string, kfl: string, window?: string): HTMLElement {
  return h('header', { class: 'stats-header' },
    h('h1', { text: `API stats · ${label}` }),
    h('div', { class: 'muted mono', text: kfl.trim() ? `Filter: ${kfl}` : 'All calls' }),
    window ? h('div', { class: 'muted', text: window }) : null,
    h('button', { class: 'button secondary', plain: 'Refresh', onClick: () => messenger.post({ type: 'refresh' }) }));
}

function tile(label: string, value: string, className = ''): HTMLElement {
  return h('div', { class: `tile ${className}` }, h('div', { class: 'tile-value', plain: value }), h('div', { class: 'tile-label', plain: label }));
}

function table(headers: readonly string[], numeric: ReadonlySet<number>, rows: readonly (readonly string[])[], open: ((index: number) => void) | undefined): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted', plain: 'None' });
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ...headers.map((label, i) => h('th', { class: numeric.has(i) ? 'num' : '', plain: label })))),
    h('tbody', {}, ...rows.map((cells, index) => {
      const row = h('tr', open ? { class: 'clickable', title: 'Open these calls', attrs: { tabindex: '0' }, onClick: () => open(index) } : {},
        ...cells.map((cell, i) => h('td', { class: numeric.has(i) ? 'num' : 'mono', text: cell })));
      row.addEventListener('keydown', (e) => {
        if (open && e.key === 'Enter') open(index);
      });
      return row;
    })));
}

function render(s: Stats.Summary): void {
  const open = (table: 'protocol' | 'endpoint' | 'talker') => (index: number) => messenger.post({ type: 'openCalls', table, index });
  const parts: (HTMLElement | SVGElement | null)[] = [header(s.scope.label, s.kfl, s.window)];
  if (s.approximate) parts.push(h('p', { class: 'note', plain: 'Percentiles are approximate (more than 1,000,000 latencies: a sketch with ≤ 1 % error).' }));
  if (s.totals) {
    const t = s.totals;
    parts.push(h('section', { class: 'tiles' },
      tile('calls', count(t.calls)), tile('errors', count(t.errors), t.errors > 0 ? 'status-error' : ''), tile('error rate', percent(t.errorRate), t.errorRate > 0 ? 'status-error' : ''),
      tile('client errors (4xx)', count(t.clientErrors)), tile('calls / s', t.callsPerSec.toFixed(2)),
      tile('request bytes', bytes(t.reqBytes)), tile('response bytes', bytes(t.respBytes))));
  }
  if (s.latency) {
    const l = s.latency;
    parts.push(h('h2', { plain: 'Latency' }), definitionList([
      ['p50', millis(l.p50)], ['p90', millis(l.p90)], ['p99', millis(l.p99)], ['min', millis(l.min)], ['max', millis(l.max)], ['mean', millis(l.mean)], ['calls with a response', count(l.count)],
    ], 'facts inline'));
  }
  if (s.buckets.length > 0) {
    parts.push(h('h2', { plain: 'Over time' }),
      h('div', { class: 'legend' }, h('span', { class: 'key key-calls', plain: 'calls' }), h('span', { class: 'key key-errors', plain: 'errors' })),
      callsChart(s.buckets),
      h('div', { class: 'legend' }, h('span', { class: 'key key-p50', plain: 'p50' }), h('span', { class: 'key key-p99', plain: 'p99' })),
      latencyChart(s.buckets));
  }
  parts.push(h('h2', { plain: 'Calls per protocol' }), table(['Protocol', 'Calls', 'Errors', 'Error rate', 'p50', 'p90', 'p99'], new Set([1, 2, 3, 4, 5, 6]),
    s.byProtocol.map((p) => [p.proto, count(p.calls), count(p.errors), percent(p.errorRate), millis(p.p50), millis(p.p90), millis(p.p99)]), open('protocol')));
  if (s.statusClasses) {
    parts.push(h('h2', { plain: 'HTTP and gRPC status classes' }), definitionList(Object.entries(s.statusClasses).map(([k, v]) => [k, count(v)] as const), 'facts inline'));
  }
  parts.push(h('h2', { plain: 'Top endpoints' }), table(['Protocol', 'Method', 'Path', 'Destination', 'Calls', 'Errors', 'Error rate', 'p50', 'p99'], new Set([4, 5, 6, 7, 8]),
    s.topEndpoints.map((e) => [e.proto, e.method, e.path, e.dst, count(e.calls), count(e.errors), percent(e.errorRate), millis(e.p50), millis(e.p99)]), open('endpoint')));
  parts.push(h('h2', { plain: 'Top talkers' }), table(['Source', 'Destination', 'Calls', 'Errors', 'Bytes'], new Set([2, 3, 4]),
    s.topTalkers.map((t) => [t.src, t.dst, count(t.calls), count(t.errors), bytes(t.bytes)]), open('talker')));
  if (s.extra) parts.push(h('h2', { plain: 'More from the Hub' }), h('pre', { class: 'text', text: s.extra }));
  root.replaceChildren(...parts.filter((p): p is HTMLElement | SVGElement => p !== null));
}
