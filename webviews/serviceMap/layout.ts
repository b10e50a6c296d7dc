/**
 * Where the map's nodes go: d3-force (README "Service map" says why it was chosen over ELK, dagre
 * and cytoscape) with a collision force sized to each node's label box, so no two nodes overlap
 * and labels stay readable at several hundred nodes. Runs synchronously (no timers): a fixed
 * number of ticks from deterministic initial positions, so the same graph always looks the same.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

export interface LayoutNode extends SimulationNodeDatum {
  readonly id: string;
  /** Box of the node's shape and label, px. */
  readonly width: number;
  readonly height: number;
}

export interface LayoutLink extends SimulationLinkDatum<LayoutNode> {
  readonly source: string | LayoutNode;
  readonly target: string | LayoutNode;
}

/** Ticks of the simulation: d3's default alpha decay reaches its minimum in about 300. */
const TICKS = 300;
/** Ticks of collision alone afterwards: they push apart what the other forces left overlapping. */
const SEPARATION_TICKS = 40;
/** Space kept between two boxes, px. */
const GAP = 6;

/** Lays out in place (each node gets x and y, its box's centre). */
export function layOut(nodes: LayoutNode[], links: LayoutLink[]): void {
  const degree = new Map<string, number>();
  for (const l of links) {
    for (const end of [l.source, l.target]) {
      const id = typeof end === 'string' ? end : end.id;
      degree.set(id, (degree.get(id) ?? 0) + 1);
    }
  }
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<LayoutNode, LayoutLink>(links).id((n) => n.id).distance((l) => 40 + ((l.source as LayoutNode).width + (l.target as LayoutNode).width) / 4))
    // Hubs (many edges) push harder, so their neighbourhoods spread out.
    .force('charge', forceManyBody<LayoutNode>().strength((n) => -120 - 20 * Math.min(20, degree.get(n.id) ?? 0)).distanceMax(900))
    .force('collide', forceCollide<LayoutNode>((n) => Math.hypot(n.width, n.height) / 2 + GAP).iterations(2))
    // A wide screen: pull less sideways than up and down.
    .force('x', forceX<LayoutNode>(0).strength(0.03))
    .force('y', forceY<LayoutNode>(0).strength(0.06))
    .stop();
  for (let i = 0; i < TICKS; i++) simulation.tick();
  simulation.force('link', null).force('charge', null).force('x', null).force('y', null).alpha(0.1);
  for (let i = 0; i < SEPARATION_TICKS; i++) simulation.tick();
}

/** Pairs of nodes whose boxes overlap (what the layout must avoid; reported for tests). */
export function overlaps(nodes: readonly LayoutNode[]): number {
  const sorted = [...nodes].sort((a, b) => (a.x ?? 0) - a.width / 2 - ((b.x ?? 0) - b.width / 2));
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const right = (a.x ?? 0) + a.width / 2;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if ((b.x ?? 0) - b.width / 2 >= right) break;
      if (Math.abs((a.y ?? 0) - (b.y ?? 0)) < (a.height + b.height) / 2) count++;
    }
  }
  return count;
}
