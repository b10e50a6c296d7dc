// Service map layout: the webview's own layout (webviews/serviceMap/layout.ts: d3-force with
// label-sized collision) side by side with a layered layout (@dagrejs/dagre, left to right) on the
// same service-map-like graphs of about 200 and 500 nodes (namespaces of services, client pods, a
// DNS hub, external addresses). Reports the median layout time over rotated rounds and what makes
// a map readable: overlapping node pairs, edge crossings, and the zoom at which the whole drawing
// fits a 1400×800 view (labels are drawn at 13 px × that zoom).
//
//   npm run bench -- service-map-layout
import type Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { layOut, type LayoutLink, type LayoutNode, overlaps } from '../webviews/serviceMap/layout';

const ROUNDS = 5;
const VIEW = { width: 1400, height: 800 };

interface Graph {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
}

/** A deterministic service map: `namespaces` × 12 services, clients, a DNS hub, externals. */
function serviceMap(namespaces: number, seed: number): Graph {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const nodes: Graph['nodes'] = [];
  const edges = new Map<string, { source: string; target: string }>();
  const node = (id: string, external = false): string => {
    // About the webview's font: 7.2 px a character, padding, the "external" tag.
    nodes.push({ id, width: Math.ceil(id.length * 7.2) + 20 + (external ? 72 : 0), height: 26 });
    return id;
  };
  const edge = (source: string, target: string): void => {
    if (source !== target) edges.set(`${source}|${target}`, { source, target });
  };
  const dns = node('kube-system/coredns');
  const auth = node('auth/auth-service');
  const services = Array.from({ length: namespaces }, (_, n) => Array.from({ length: 12 }, (_, s) => node(`team-${n}/service-${s}`)));
  const clients = Array.from({ length: namespaces * 3 }, (_, c) => node(`team-${c % namespaces}/client-${c}`));
  const externals = Array.from({ length: Math.max(5, namespaces) }, (_, e) => node(`142.250.${e}.${(e * 37) % 255}`, true));
  services.forEach((group, n) => group.forEach((service) => {
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) edge(service, group[Math.floor(random() * group.length)]!);
    if (random() < 0.25) edge(service, services[(n + 1 + Math.floor(random() * (namespaces - 1))) % namespaces]![Math.floor(random() * 12)]!);
    edge(service, dns);
    if (random() < 0.3) edge(service, auth);
    if (random() < 0.1) edge(service, externals[Math.floor(random() * externals.length)]!);
  }));
  clients.forEach((client, c) => {
    edge(client, services[c % namespaces]![Math.floor(random() * 12)]!);
    edge(client, dns);
    if (random() < 0.3) edge(client, externals[Math.floor(random() * externals.length)]!);
  });
  return { nodes, edges: [...edges.values()] };
}

type Positions = Map<string, { x: number; y: number }>;

function ours(graph: Graph): Positions {
  const nodes: LayoutNode[] = graph.nodes.map((n) => ({ ...n }));
  const links: LayoutLink[] = graph.edges.map((e) => ({ ...e }));
  layOut(nodes, links);
  return new Map(nodes.map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}

/** @dagrejs/dagre is an ES module only; loaded once by `main`. */
let dagre: typeof Dagre;

function layered(graph: Graph): Positions {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 60 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return new Map(graph.nodes.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }]));
}

function quality(graph: Graph, at: Positions): { overlaps: number; crossings: number; fitZoom: number } {
  const boxes: LayoutNode[] = graph.nodes.map((n) => ({ ...n, ...at.get(n.id)! }));
  const point = (id: string): { x: number; y: number } => at.get(id)!;
  const turn = (a: { x: number; y: number }, b: { x: number; y: number }, c: { x: number; y: number }): number => (c.y - a.y) * (b.x - a.x) - (b.y - a.y) * (c.x - a.x);
  let crossings = 0;
  for (let i = 0; i < graph.edges.length; i++) {
    for (let j = i + 1; j < graph.edges.length; j++) {
      const e = graph.edges[i]!;
      const f = graph.edges[j]!;
      if (e.source === f.source || e.source === f.target || e.target === f.source || e.target === f.target) continue;
      const [a, b, c, d] = [point(e.source), point(e.target), point(f.source), point(f.target)];
      if (turn(a, c, d) * turn(b, c, d) < 0 && turn(a, b, c) * turn(a, b, d) < 0) crossings++;
    }
  }
  const x0 = Math.min(...boxes.map((b) => b.x! - b.width / 2));
  const x1 = Math.max(...boxes.map((b) => b.x! + b.width / 2));
  const y0 = Math.min(...boxes.map((b) => b.y! - b.height / 2));
  const y1 = Math.max(...boxes.map((b) => b.y! + b.height / 2));
  return { overlaps: overlaps(boxes), crossings, fitZoom: Math.min(VIEW.width / (x1 - x0), VIEW.height / (y1 - y0)) };
}

const engines: readonly [string, (g: Graph) => Positions][] = [['ours (d3-force + collide)', ours], ['dagre (layered LR)', layered]];

async function main(): Promise<void> {
  dagre = (await import('@dagrejs/dagre')).default;
  const results: Record<string, unknown>[] = [];
  for (const namespaces of [12, 32]) {
    const graph = serviceMap(namespaces, 7);
    const times = new Map<string, number[]>(engines.map(([name]) => [name, []]));
    const last = new Map<string, Positions>();
    for (let round = 0; round < ROUNDS; round++) {
      for (let e = 0; e < engines.length; e++) {
        const [name, run] = engines[(round + e) % engines.length]!;
        const start = process.hrtime.bigint();
        last.set(name, run(graph));
        times.get(name)!.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    console.log(`\n${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    console.log('engine'.padEnd(28), 'median ms'.padStart(10), 'overlaps'.padStart(9), 'crossings'.padStart(10), 'fit zoom'.padStart(9), 'label px'.padStart(9));
    for (const [name] of engines) {
      const sorted = times.get(name)!.sort((a, b) => a - b);
      const q = quality(graph, last.get(name)!);
      const row = { nodes: graph.nodes.length, edges: graph.edges.length, engine: name, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), ...q, labelPx: +(13 * q.fitZoom).toFixed(1) };
      results.push(row);
      console.log(name.padEnd(28), String(row.medianMs).padStart(10), String(q.overlaps).padStart(9), String(q.crossings).padStart(10), q.fitZoom.toFixed(3).padStart(9), String(row.labelPx).padStart(9));
    }
  }
  const out = path.join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'service-map-layout.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
}

void main();
