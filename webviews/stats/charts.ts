/**
 * Time charts drawn as SVG with no library: calls and errors per bucket as bars, latency p50/p99
 * as lines. Colours come from classes mapped to --vscode-charts-* in the stylesheet, so every
 * theme (high contrast included) applies; every bucket has a <title> tooltip in local time.
 */
import { type Stats } from '../../protocol/webviewMessages';
import { count, millis } from '../common/format';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 800;
const HEIGHT = 200;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 64 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

interface Frame {
  root: SVGSVGElement;
  plot: { x: number; y: number; w: number; h: number };
  yOf(value: number): number;
}

/** The chart frame: axes, a y scale from 0 to a rounded maximum, and bucket labels on the x axis. */
function frame(label: string, buckets: readonly Stats.Bucket[], max: number, format: (v: number) => string): Frame {
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, class: 'chart' });
  root.append(svg('title', {}, label));
  const plot = { x: MARGIN.left, y: MARGIN.top, w: WIDTH - MARGIN.left - MARGIN.right, h: HEIGHT - MARGIN.top - MARGIN.bottom };
  const top = niceCeiling(max);
  const yOf = (value: number): number => plot.y + plot.h - (top === 0 ? 0 : (value / top) * plot.h);
  for (const fraction of [0, 0.5, 1]) {
    const y = yOf(top * fraction);
    root.append(svg('line', { x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y, class: 'gridline' }));
    root.append(svg('text', { x: plot.x - 6, y: y + 4, 'text-anchor': 'end', class: 'axis-label' }, format(top * fraction)));
  }
  const n = buckets.length;
  const ticks = n <= 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1];
  for (const i of new Set(ticks)) {
    const bucket = buckets[i];
    if (!bucket) continue;
    const x = plot.x + ((i + 0.5) / Math.max(1, n)) * plot.w;
    root.append(svg('text', { x, y: HEIGHT - 8, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle', class: 'axis-label' }, bucket.label));
  }
  root.append(svg('line', { x1: plot.x, x2: plot.x + plot.w, y1: plot.y + plot.h, y2: plot.y + plot.h, class: 'axis' }));
  return { root, plot, yOf };
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function callsChart(buckets: readonly Stats.Bucket[]): SVGSVGElement {
  const max = Math.max(0, ...buckets.map((b) => b.calls));
  const f = frame('Calls and errors over time', buckets, max, (v) => count(v));
  const slot = f.plot.w / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.8);
  buckets.forEach((bucket, i) => {
    const x = f.plot.x + i * slot + (slot - barWidth) / 2;
    const group = svg('g', {});
    group.append(svg('title', {}, `${bucket.title}\n${count(bucket.calls)} calls, ${count(bucket.errors)} errors`));
    group.append(svg('rect', { x, y: f.yOf(bucket.calls), width: barWidth, height: f.plot.y + f.plot.h - f.yOf(bucket.calls), class: 'series-calls' }));
    if (bucket.errors > 0) group.append(svg('rect', { x, y: f.yOf(bucket.errors), width: barWidth, height: f.plot.y + f.plot.h - f.yOf(bucket.errors), class: 'series-errors' }));
    f.root.append(group);
  });
  return f.root;
}

export function latencyChart(buckets: readonly Stats.Bucket[]): SVGSVGElement {
  const values = buckets.flatMap((b) => [b.p50, b.p99]).filter((v): v is number => v !== null);
  const f = frame('Latency over time (p50 and p99)', buckets, Math.max(0, ...values), (v) => millis(v));
  const slot = f.plot.w / Math.max(1, buckets.length);
  const xOf = (i: number): number => f.plot.x + (i + 0.5) * slot;
  for (const [key, className] of [['p50', 'series-p50'], ['p99', 'series-p99']] as const) {
    // Empty buckets break the line instead of drawing it through zero.
    let d = '';
    let pen = false;
    buckets.forEach((bucket, i) => {
      const value = bucket[key];
      if (value === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${xOf(i).toFixed(1)},${f.yOf(value).toFixed(1)}`;
      pen = true;
    });
    if (d) f.root.append(svg('path', { d, class: className }));
    // Points as well: a bucket between two empty ones has no line to draw.
    buckets.forEach((bucket, i) => {
      const value = bucket[key];
      if (value !== null) f.root.append(svg('circle', { cx: xOf(i).toFixed(1), cy: f.yOf(value).toFixed(1), r: 2.5, class: `${className} point` }));
    });
  }
  buckets.forEach((bucket, i) => {
    if (bucket.p50 === null && bucket.p99 === null) return;
    const hit = svg('rect', { x: f.plot.x + i * slot, y: f.plot.y, width: slot, height: f.plot.h, class: 'hit' });
    hit.append(svg('title', {}, `${bucket.title}\np50 ${millis(bucket.p50)}, p99 ${millis(bucket.p99)}`));
    f.root.append(hit);
  });
  return f.root;
}
