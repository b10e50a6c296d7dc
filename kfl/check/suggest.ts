/**
 * Did-you-mean for unknown names (spec §11.1): first the alias table of names people bring from
 * KFL v1, other tools and the Hub's documentation; then the valid names ranked by
 * Damerau–Levenshtein distance ≤ max(1, ⌊length/3⌋), ties broken by the longer common prefix,
 * then alphabetically; at most three.
 */

export interface Suggestion {
  /** What the message shows, e.g. `src.pod.namespace`. */
  readonly display: string;
  /** Text that replaces the whole written name. */
  readonly replacement: string;
  /** Shown after the name: `elapsed_time` (microseconds). */
  readonly note?: string;
}

export interface Alias {
  readonly suggestions: readonly Suggestion[];
  /** A message of its own instead of "Did you mean": `http2`. */
  readonly special?: 'http2';
  /** The right operand is in milliseconds and must be scaled to µs (`latency_ms`). */
  readonly scaleToMicros?: boolean;
}

const to = (display: string, note?: string, replacement = display): Suggestion => ({ display, replacement, note });

/** Keyed by the written dotted path. */
const ALIASES: ReadonlyMap<string, Alias> = new Map<string, Alias>([
  ['response.status', { suggestions: [to('status_code')] }],
  ['response.status_code', { suggestions: [to('status_code')] }],
  ['request.path', { suggestions: [to('path')] }],
  ['request.method', { suggestions: [to('method')] }],
  ['request.url', { suggestions: [to('url')] }],
  ['status', { suggestions: [to('status_code')] }],
  ['http2', { suggestions: [to('http && http_version == "HTTP/2"', undefined, '(http && http_version == "HTTP/2")')], special: 'http2' }],
  ['https', { suggestions: [to('tls && http', undefined, '(tls && http)')] }],
  ['latency_ms', { suggestions: [to('elapsed_time', 'microseconds')], scaleToMicros: true }],
  ['latency', { suggestions: [to('elapsed_time', 'microseconds')] }],
  ['grpcStatus', { suggestions: [to('grpc_status')] }],
  ['grpc.status', { suggestions: [to('grpc_status')] }],
  ['dns_question', { suggestions: [to('dns_questions', 'a list')] }],
  ['dns.name', { suggestions: [to('dns_questions', 'a list')] }],
  ['kafka_topic', { suggestions: [to('kafka_request_summary')] }],
  ...(['src', 'dst'] as const).flatMap((side): [string, Alias][] => [
    [`${side}.ns`, { suggestions: [to(`${side}.pod.namespace`), to(`${side}.namespace`)] }],
    [`${side}.pod_name`, { suggestions: [to(`${side}.pod.name`)] }],
    [`${side}.svc`, { suggestions: [to(`${side}.service.name`)] }],
    [`${side}.pod_namespace`, { suggestions: [to(`${side}.pod.namespace`)] }],
    [`${side}.service_name`, { suggestions: [to(`${side}.service.name`)] }],
  ]),
]);

export function aliasFor(path: string | undefined): Alias | undefined {
  return path === undefined ? undefined : ALIASES.get(path);
}

/** Names longer than this get no ranking: the distance table would be large and the name is no typo. */
const MAX_RANKED_LENGTH = 64;

/** The closest `candidates` to `written` (spec §11.1 ranking). */
export function closestNames(written: string, candidates: Iterable<string>, max = 3): string[] {
  if (written.length === 0 || written.length > MAX_RANKED_LENGTH) return [];
  const limit = Math.max(1, Math.floor(written.length / 3));
  const ranked: { name: string; distance: number; prefix: number }[] = [];
  for (const name of candidates) {
    if (name === written || Math.abs(name.length - written.length) > limit || name.length > MAX_RANKED_LENGTH) continue;
    if (characterBound(written, name) > limit || ranked.some((r) => r.name === name)) continue;
    const distance = damerauLevenshtein(written, name, limit);
    if (distance <= limit) ranked.push({ name, distance, prefix: commonPrefix(written, name) });
  }
  ranked.sort((a, b) => a.distance - b.distance || b.prefix - a.prefix || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ranked.slice(0, max).map((r) => r.name);
}

const histogram = new Int32Array(65536);

/**
 * A lower bound of the edit distance from character counts: a transposition keeps them, an
 * insertion or deletion changes one, a substitution one of each side. Cheap, and it rules out
 * most candidates before the full distance is computed.
 */
function characterBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) histogram[a.charCodeAt(i)]++;
  for (let i = 0; i < b.length; i++) histogram[b.charCodeAt(i)]--;
  let surplus = 0;
  let deficit = 0;
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    if (histogram[code] > 0) surplus += histogram[code];
    histogram[code] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const code = b.charCodeAt(i);
    if (histogram[code] < 0) deficit -= histogram[code];
    histogram[code] = 0;
  }
  return Math.max(surplus, deficit);
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * True Damerau–Levenshtein distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters, with edits between transposed characters allowed), after Lowrance and
 * Wagner. Distances above `max` come back as `max + 1`, computed only as far as needed.
 */
let table = new Int32Array(0);
const lastRow = new Map<string, number>();

export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  const infinity = a.length + b.length;
  const width = b.length + 2;
  const size = (a.length + 2) * width;
  if (table.length < size) table = new Int32Array(size);
  const d = table;
  const at = (i: number, j: number): number => i * width + j;
  d[at(0, 0)] = infinity;
  for (let i = 0; i <= a.length; i++) {
    d[at(i + 1, 0)] = infinity;
    d[at(i + 1, 1)] = i;
  }
  for (let j = 0; j <= b.length; j++) {
    d[at(0, j + 1)] = infinity;
    d[at(1, j + 1)] = j;
  }
  lastRow.clear();
  for (let i = 1; i <= a.length; i++) {
    let lastMatchColumn = 0;
    let rowMinimum = d[at(i + 1, 1)];
    for (let j = 1; j <= b.length; j++) {
      const i1 = lastRow.get(b[j - 1]) ?? 0;
      const j1 = lastMatchColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      d[at(i + 1, j + 1)] = Math.min(
        d[at(i, j)] + cost,
        d[at(i + 1, j)] + 1,
        d[at(i, j + 1)] + 1,
        d[at(i1, j1)] + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
      rowMinimum = Math.min(rowMinimum, d[at(i + 1, j + 1)]);
    }
    // Row minima never decrease (a transposition from row i1 costs at least i − i1 more, no less
    // than the deletions to get here), so past `max` the answer cannot come back under it.
    if (rowMinimum > max) return max + 1;
    lastRow.set(a[i - 1], i);
  }
  const distance = d[at(a.length + 1, b.length + 1)];
  return distance <= max ? distance : max + 1;
}
