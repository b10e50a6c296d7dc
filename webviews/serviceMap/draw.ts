/**
 * The map as SVG, built with DOM calls only (labels are SVG text nodes: captured names never
 * become markup). Nodes: workloads as rounded boxes, internal addresses as pills, external
 * addresses as dashed boxes marked "external". Edges: width by the chosen weight, colour by the
 * error rate of their calls, arrows towards the server.
 */
import { type ServiceMap } from '../../protocol/webviewMessages';
import { visibleString } from '../common/visibleText';
import { type LayoutNode } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** Error classes of an edge: no calls, none, some, many, most. */
export function errorClass(edge: ServiceMap.Edge): string {
  if (edge.calls === 0) return 'err-none-calls';
  if (edge.errorRate < 0.01) return 'err-ok';
  if (edge.errorRate < 0.05) return 'err-low';
  if (edge.errorRate < 0.2) return 'err-mid';
  return 'err-high';
}

export const ERROR_CLASSES = ['err-none-calls', 'err-ok', 'err-low', 'err-mid', 'err-high'] as const;

export const NODE_HEIGHT = 26;
const PAD_X = 10;
/** Room for the bold "external" tag before an external address. */
const KIND_TAG_WIDTH = 72;

/** Label widths, measured once per label with the webview's own font. */
export function measurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  const style = getComputedStyle(document.body);
  if (context) context.font = `${style.fontSize || '13px'} ${style.fontFamily || 'sans-serif'}`;
  return (text) => (context ? context.measureText(text).width : text.length * 7);
}

export function nodeWidth(node: ServiceMap.Node, measure: (text: string) => number): number {
  return Math.ceil(measure(visibleString(node.id))) + 2 * PAD_X + (node.kind === 'external' ? KIND_TAG_WIDTH : 0);
}

export function drawNode(node: ServiceMap.Node, box: LayoutNode): SVGGElement {
  const x = (box.x ?? 0) - box.width / 2;
  const y = (box.y ?? 0) - box.height / 2;
  const group = svg('g', { class: `node node-${node.kind}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0, role: 'img' });
  group.setAttribute('aria-label', `${node.kind === 'external' ? 'external address ' : ''}${visibleString(node.id)}`);
  const title = svg('title');
  title.textContent = visibleString(node.title);
  group.append(title, svg('rect', { width: box.width, height: box.height, rx: node.kind === 'internal' ? box.height / 2 : 4 }));
  let textX = PAD_X;
  if (node.kind === 'external') {
    const tag = svg('text', { x: PAD_X, y: box.height / 2, class: 'kind-tag', 'dominant-baseline': 'central' });
    tag.textContent = 'external';
    group.append(tag);
    textX += KIND_TAG_WIDTH;
  }
  const label = svg('text', { x: textX, y: box.height / 2, class: 'label', 'dominant-baseline': 'central' });
  label.textContent = visibleString(node.id);
  group.append(label);
  return group;
}

/** Where the segment from a's centre to b's centre leaves b's box (arrows end at the border). */
function borderPoint(from: LayoutNode, to: LayoutNode): { x: number; y: number } {
  const dx = (from.x ?? 0) - (to.x ?? 0);
  const dy = (from.y ?? 0) - (to.y ?? 0);
  if (dx === 0 && dy === 0) return { x: to.x ?? 0, y: to.y ?? 0 };
  const scale = Math.min(Math.abs(to.width / 2 / (dx || 1e-9)), Math.abs(to.height / 2 / (dy || 1e-9)));
  return { x: (to.x ?? 0) + dx * Math.min(1, scale), y: (to.y ?? 0) + dy * Math.min(1, scale) };
}

export function drawEdge(edge: ServiceMap.Edge, source: LayoutNode, target: LayoutNode, width: number): SVGGElement {
  const group = svg('g', { class: `edge ${errorClass(edge)}`, tabindex: 0, role: 'button', 'data-edge': edge.id });
  group.setAttribute('aria-label', `${visibleString(edge.source)} to ${visibleString(edge.target)}: open the calls`);
  const title = svg('title');
  title.textContent = visibleString(edge.title);
  const start = borderPoint(target, source);
  const end = borderPoint(source, target);
  const d = source === target
    ? `M${start.x},${start.y - source.height / 2} c 30,-40 60,0 ${source.width / 2 - 4},${source.height / 2}`
    : `M${start.x.toFixed(1)},${start.y.toFixed(1)} L${end.x.toFixed(1)},${end.y.toFixed(1)}`;
  group.append(title, svg('path', { d, class: 'hit' }), svg('path', { d, class: 'line', 'stroke-width': width.toFixed(2), 'marker-end': `url(#arrow-${errorClass(edge)})` }));
  return group;
}

/** One arrow head per error class (a marker takes its colour from its own class). */
export function arrowMarkers(): SVGDefsElement {
  const defs = svg('defs');
  for (const name of ERROR_CLASSES) {
    const marker = svg('marker', { id: `arrow-${name}`, class: `arrow ${name}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.append(marker);
  }
  return defs;
}
