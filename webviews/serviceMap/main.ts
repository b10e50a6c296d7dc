/**
 * The service map webview: who talks to whom as a graph. The host sends nodes and edges; this
 * view lays them out (layout.ts), draws SVG (draw.ts), and lets the person pan (drag), zoom
 * (wheel, Fit), switch between workloads and namespaces and between bytes and calls as edge
 * weight, and open an edge's calls (click or Enter). Hovering a node highlights its edges.
 */
import './style.css';
import '../common/common.css';
import { type ServiceMap } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { bytes, count } from '../common/format';
import { Messenger } from '../common/messenger';
import { arrowMarkers, drawEdge, drawNode, measurer, NODE_HEIGHT, nodeWidth, svg } from './draw';
import { layOut, type LayoutLink, type LayoutNode, overlaps } from './layout';

const messenger = new Messenger<ServiceMap.ToHost, ServiceMap.ToWebview>(onMessage);
const saved = messenger.state<ServiceMap.PersistedState>();
let scope = saved?.scope;
let level: ServiceMap.Level = saved?.level ?? 'workload';
let weight: ServiceMap.Weight = saved?.weight ?? 'bytes';
let graph: ServiceMap.Graph | undefined;
let boxes = new Map<string, LayoutNode>();
/** The visible part of the drawing, in drawing coordinates. */
let view = { x: -500, y: -300, width: 1000, height: 600 };
let bounds = view;

const title = h('h1', { class: 'view-title' });
const select = (label: string, options: readonly [string, string][], value: string, change: (v: string) => void): HTMLSelectElement => {
  const element = h('select', { attrs: { 'aria-label': label } });
  for (const [v, text] of options) element.append(h('option', { plain: text, attrs: { value: v } }));
  element.value = value;
  element.addEventListener('change', () => change(element.value));
  return element;
};
const levelSelect = select('Nodes', [['workload', 'Workloads'], ['namespace', 'Namespaces']], level, (v) => {
  level = v as ServiceMap.Level;
  persist();
  messenger.post({ type: 'level', level });
});
const weightSelect = select('Edge weight', [['bytes', 'Bytes'], ['calls', 'Calls']], weight, (v) => {
  weight = v as ServiceMap.Weight;
  persist();
  messenger.post({ type: 'weight', weight });
  if (graph) render(graph, false);
});
const status = h('span', { class: 'status-text', attrs: { role: 'status' } });
const note = h('span', { class: 'note' });
const legend = h('div', { class: 'legend' },
  h('span', { class: 'key node-key node-workload', plain: 'workload' }), h('span', { class: 'key node-key node-internal', plain: 'address' }), h('span', { class: 'key node-key node-external', plain: 'external' }),
  h('span', { class: 'key edge-key err-ok', plain: 'no errors' }), h('span', { class: 'key edge-key err-low', plain: '< 5 %' }), h('span', { class: 'key edge-key err-mid', plain: '< 20 %' }),
  h('span', { class: 'key edge-key err-high', plain: '≥ 20 % errors' }), h('span', { class: 'key edge-key err-none-calls', plain: 'flows only' }));
const toolbar = h('div', { class: 'toolbar' },
  h('label', { class: 'group-label', plain: 'Nodes' }), levelSelect, h('label', { class: 'group-label', plain: 'Edge weight' }), weightSelect,
  h('button', { class: 'button secondary', plain: 'Fit', onClick: () => fit() }),
  h('button', { class: 'button secondary', plain: 'Refresh', onClick: () => messenger.post({ type: 'refresh' }) }), legend);
const canvas = svg('svg', { class: 'map', role: 'group' });
canvas.setAttribute('aria-label', 'Service map');
const edgesLayer = svg('g', { class: 'edges' });
const nodesLayer = svg('g', { class: 'nodes' });
canvas.append(arrowMarkers(), edgesLayer, nodesLayer);
document.body.append(h('main', { class: 'service-map' }, h('header', {}, title), toolbar, canvas, h('div', { class: 'status-bar' }, status, note)));
messenger.ready();

function onMessage(msg: ServiceMap.ToWebview): void {
  if (msg.type === 'loading') {
    scope = msg.scope;
    title.textContent = `Service map · ${msg.scope.label}`;
    status.textContent = msg.message;
    persist();
  } else if (msg.type === 'failed') {
    scope = msg.scope;
    title.textContent = `Service map · ${msg.scope.label}`;
    status.textContent = '';
    note.textContent = msg.message;
    note.className = 'note error-text';
    persist();
  } else {
    graph = msg.graph;
    scope = msg.graph.scope;
    level = msg.graph.level;
    weight = msg.weight;
    levelSelect.value = level;
    weightSelect.value = weight;
    title.textContent = `Service map · ${msg.graph.scope.label}`;
    note.className = 'note';
    note.textContent = msg.graph.note ?? '';
    persist();
    // Say what is happening before the layout holds the thread (a few hundred nodes take a moment).
    status.textContent = `Laying out ${count(msg.graph.nodes.length)} nodes…`;
    const laidOut = msg.graph;
    requestAnimationFrame(() => {
      if (graph === laidOut) render(laidOut, true);
    });
  }
}

/** Draws the graph; `relayout` computes positions anew (a new graph), else only the edges change. */
function render(g: ServiceMap.Graph, relayout: boolean): void {
  const started = performance.now();
  if (relayout) {
    const measure = measurer();
    const nodes: LayoutNode[] = g.nodes.map((n) => ({ id: n.id, width: nodeWidth(n, measure), height: NODE_HEIGHT }));
    const links: LayoutLink[] = g.edges.filter((e) => e.source !== e.target).map((e) => ({ source: e.source, target: e.target }));
    layOut(nodes, links);
    boxes = new Map(nodes.map((n) => [n.id, n]));
  }
  const layoutMs = performance.now() - started;
  const value = (e: ServiceMap.Edge): number => (weight === 'bytes' ? e.bytes : e.calls);
  const max = Math.max(1, ...g.edges.map(value));
  edgesLayer.replaceChildren(...g.edges.map((e) => drawEdge(e, boxes.get(e.source)!, boxes.get(e.target)!, 1 + 5 * Math.sqrt(value(e) / max))));
  if (relayout) {
    nodesLayer.replaceChildren(...g.nodes.map((n) => {
      const element = drawNode(n, boxes.get(n.id)!);
      element.addEventListener('mouseenter', () => highlight(n.id));
      element.addEventListener('mouseleave', () => highlight(undefined));
      element.addEventListener('focus', () => highlight(n.id));
      element.addEventListener('blur', () => highlight(undefined));
      return element;
    }));
    bounds = extent([...boxes.values()]);
    fit();
  }
  const calls = g.edges.reduce((sum, e) => sum + e.calls, 0);
  status.textContent = `${count(g.nodes.length)} nodes · ${count(g.edges.length)} edges · ${bytes(g.edges.reduce((s, e) => s + e.bytes, 0))} · ${count(calls)} calls`;
  messenger.post({ type: 'rendered', nodes: nodesLayer.childElementCount, edges: edgesLayer.childElementCount, layoutMs: Math.round(layoutMs), overlaps: overlaps([...boxes.values()]) });
}

function highlight(id: string | undefined): void {
  canvas.classList.toggle('focused', id !== undefined);
  for (const element of edgesLayer.children) {
    const index = Number(element.getAttribute('data-edge'));
    const edge = graph?.edges[index];
    element.classList.toggle('near', id !== undefined && edge !== undefined && (edge.source === id || edge.target === id));
  }
}

function extent(nodes: readonly LayoutNode[]): typeof view {
  if (nodes.length === 0) return { x: -500, y: -300, width: 1000, height: 600 };
  const x0 = Math.min(...nodes.map((n) => (n.x ?? 0) - n.width / 2)) - 20;
  const x1 = Math.max(...nodes.map((n) => (n.x ?? 0) + n.width / 2)) + 20;
  const y0 = Math.min(...nodes.map((n) => (n.y ?? 0) - n.height / 2)) - 20;
  const y1 = Math.max(...nodes.map((n) => (n.y ?? 0) + n.height / 2)) + 20;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function applyView(): void {
  canvas.setAttribute('viewBox', `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.width.toFixed(1)} ${view.height.toFixed(1)}`);
}

function fit(): void {
  view = { ...bounds };
  applyView();
}

// Zoom around the pointer; pan by dragging the background.
canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const rect = canvas.getBoundingClientRect();
  const scale = Math.exp(Math.max(-0.5, Math.min(0.5, e.deltaY * 0.0015)));
  const fx = rect.width > 0 ? (e.clientX - rect.left) / rect.width : 0.5;
  const fy = rect.height > 0 ? (e.clientY - rect.top) / rect.height : 0.5;
  const px = view.x + fx * view.width;
  const py = view.y + fy * view.height;
  view = { x: px - fx * view.width * scale, y: py - fy * view.height * scale, width: view.width * scale, height: view.height * scale };
  applyView();
}, { passive: false });

let drag: { x: number; y: number; view: typeof view } | undefined;
canvas.addEventListener('pointerdown', (e) => {
  if ((e.target as Element).closest('.edge, .node')) return;
  drag = { x: e.clientX, y: e.clientY, view: { ...view } };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const rect = canvas.getBoundingClientRect();
  // The drawing keeps its aspect ratio inside the element (preserveAspectRatio meet).
  const perPixel = Math.max(drag.view.width / Math.max(1, rect.width), drag.view.height / Math.max(1, rect.height));
  view = { ...drag.view, x: drag.view.x - (e.clientX - drag.x) * perPixel, y: drag.view.y - (e.clientY - drag.y) * perPixel };
  applyView();
});
canvas.addEventListener('pointerup', () => {
  drag = undefined;
});

const openEdge = (target: EventTarget | null): void => {
  const edge = (target as Element | null)?.closest('.edge');
  const id = edge?.getAttribute('data-edge');
  if (id !== null && id !== undefined) messenger.post({ type: 'openEdge', edge: Number(id) });
};
edgesLayer.addEventListener('click', (e) => openEdge(e.target));
edgesLayer.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    openEdge(e.target);
  }
});

function persist(): void {
  if (scope) messenger.saveState<ServiceMap.PersistedState>({ scope, level, weight });
}
