// Predicate throughput: KFL's compiled filters against @marcbachmann/cel-js (parsed once,
// evaluated per record with the record as its context) and a hand-written JS predicate, side by
// side in one process over the same 200,000 synthetic call records. Reports the median records/s
// per engine over interleaved rounds and the median of the per-round ratios; fails when the three
// disagree on a match count.
//
//   npm run bench -- kfl-predicate
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { compile, type KflRecord } from '../kfl/eval/compile';

const RECORDS = 200_000;
const ROUNDS = 21;
const WARM_UP_PASSES = 10;
const NOW = Date.UTC(2026, 2, 14, 17, 0, 0);

type Predicate = (record: KflRecord) => boolean;

interface Query {
  readonly name: string;
  readonly kfl: string;
  readonly hand: Predicate;
}

// The hand-written predicates read the record the way a careful JS author would: they rely on the
// same record shape the generator produces and on nothing else.
const QUERIES: readonly Query[] = [
  {
    name: 'status >= 500',
    kfl: 'http && status_code >= 500',
    hand: (r) => r.http === true && (r.status_code as number) >= 500,
  },
  {
    name: 'POST to orders',
    kfl: 'http && method == "POST" && path.startsWith("/api/v1/orders")',
    hand: (r) => r.http === true && r.method === 'POST' && (r.path as string).startsWith('/api/v1/orders'),
  },
  {
    name: 'in-cluster DNS',
    kfl: 'dns && dns_questions.exists(q, q.endsWith(".svc.cluster.local"))',
    hand: (r) => r.dns === true && (r.dns_questions as string[]).some((q) => q.endsWith('.svc.cluster.local')),
  },
  {
    name: 'curl user agent',
    kfl: 'http && map_get(request.headers, "user-agent", "").startsWith("curl/")',
    hand: (r) => {
      if (r.http !== true) return false;
      const headers = (r.request as { headers: Record<string, string> }).headers;
      return (Object.hasOwn(headers, 'user-agent') ? (headers['user-agent'] as string) : '').startsWith('curl/');
    },
  },
  {
    name: 'slow prod payments',
    kfl: 'src.pod.namespace == "prod" && dst.service.name == "payment-service" && elapsed_time > 250000',
    hand: (r) => {
      const src = r.src as { pod: { namespace: string } };
      const dst = r.dst as { service: { name: string } };
      return src.pod.namespace === 'prod' && dst.service.name === 'payment-service' && (r.elapsed_time as number) > 250000;
    },
  },
];

/** Deterministic PRNG (mulberry32) so every run measures the same records. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ['prod', 'staging', 'kube-system', 'monitoring', 'sock-shop'];
const SERVICES = ['payment-service', 'orders', 'catalogue', 'frontend', 'redis-master', 'kube-dns'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const PATHS = ['/api/v1/orders', '/api/v1/orders/1234', '/api/v1/users/42', '/healthz', '/metrics', '/api/v2/catalogue', '/login'];
const AGENTS = ['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'kube-probe/1.29', 'python-requests/2.31', 'Go-http-client/2.0'];
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 400, 404, 500, 502, 503];
const NAMES = ['orders.prod.svc.cluster.local', 'api.github.com', 'redis-master.prod.svc.cluster.local', 'example.com', 'metrics.monitoring.svc.cluster.local'];

/**
 * A realistic mix: 55% HTTP (a fifth of it gRPC), 25% DNS, 10% Redis, 10% plain TCP. Every record
 * has the protocol flags and both peers' identities; protocol fields only where they apply, as
 * the Hub builds records (kfl/README.md).
 */
function generateRecords(count: number): KflRecord[] {
  const next = random(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const peer = (): Record<string, unknown> => {
    const namespace = pick(NAMESPACES);
    const service = pick(SERVICES);
    return {
      ip: `10.0.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}`, port: 1024 + Math.floor(next() * 60000), name: `${service}-7d9f`,
      namespace, dns: '', pod: { name: `${service}-7d9f-${Math.floor(next() * 1000)}`, namespace }, service: { name: service, namespace },
    };
  };
  const records: KflRecord[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next();
    const src = peer();
    const dst = peer();
    const timestamp = NOW - Math.floor(next() * 3_600_000);
    const elapsed_time = Math.floor(next() * 600_000);
    const node = { name: 'ip-10-0-25-170.ec2.internal', ip: '10.0.25.170' };
    // One object literal per kind, every property written out, as a record builder would: V8 then
    // keeps records in fast mode with in-object properties, so the engines are measured rather
    // than dictionary look-ups.
    if (kind < 0.55) {
      const grpc = kind < 0.11;
      records.push({
        http: true, dns: false, grpc, redis: false, tcp: true, udp: false, src, dst, timestamp, elapsed_time, node,
        protocol: grpc ? 'GRPC' : 'HTTP', method: grpc ? 'POST' : pick(METHODS), path: grpc ? '/payments.Payments/Charge' : pick(PATHS),
        status_code: grpc ? 200 : pick(STATUSES), http_version: grpc || next() < 0.3 ? 'HTTP/2' : 'HTTP/1.1', grpc_status: grpc ? Math.floor(next() * 3) : -1,
        request: { headers: { 'user-agent': pick(AGENTS), accept: '*/*', host: 'orders' }, cookies: {} },
        response: { headers: { 'content-type': 'application/json' }, cookies: {} },
        query_string: next() < 0.1 ? { debug: 'true' } : {},
      });
    } else if (kind < 0.8) {
      records.push({
        http: false, dns: true, grpc: false, redis: false, tcp: false, udp: true, src, dst, timestamp, elapsed_time, node,
        protocol: 'DNS', dns_questions: [pick(NAMES), ...(next() < 0.2 ? [pick(NAMES)] : [])], dns_question_types: ['A'],
        dns_request: true, dns_response: true, dns_answers: ['10.0.0.1'], status_code: next() < 0.05 ? 3 : 0,
      });
    } else if (kind < 0.9) {
      records.push({
        http: false, dns: false, grpc: false, redis: true, tcp: true, udp: false, src, dst, timestamp, elapsed_time, node,
        protocol: 'REDIS', redis_type: pick(['GET', 'SET', 'DEL']), redis_key: `session:${i}`,
      });
    } else {
      records.push({
        http: false, dns: false, grpc: false, redis: false, tcp: true, udp: false, src, dst, timestamp, elapsed_time, node,
        protocol: 'TCP', tcp_error_type: next() < 0.1 ? 'reset' : '',
      });
    }
  }
  return records;
}

interface CelJs {
  Environment: new (options?: Record<string, unknown>) => {
    registerFunction(signature: string, handler: (...args: unknown[]) => unknown): unknown;
    parse(expression: string): (context: unknown) => unknown;
  };
}

/** cel-js with the one KFL extension the queries use (map_get) registered. */
async function celJsCompiler(): Promise<(text: string) => Predicate> {
  const { Environment } = (await import('@marcbachmann/cel-js')) as unknown as CelJs;
  const env = new Environment({ unlistedVariablesAreDyn: true });
  env.registerFunction('map_get(map, string, string): string', (map, key, fallback) => {
    const value = map instanceof Map ? map.get(key) : Object.hasOwn(map as object, key as string) ? (map as Record<string, unknown>)[key as string] : undefined;
    return value === undefined ? fallback : value;
  });
  return (text) => {
    const evaluate = env.parse(text);
    return (record) => {
      try {
        return evaluate(record) === true;
      } catch {
        return false; // an evaluation error does not match, as in KFL
      }
    };
  };
}

/**
 * The one loop every engine runs in: all predicates are called from this call site, as a Hub calls
 * whichever filter it compiled, so no engine is inlined into the loop while another is not.
 */
function count(predicate: Predicate, records: readonly KflRecord[]): number {
  let matches = 0;
  for (let i = 0; i < records.length; i++) if (predicate(records[i] as KflRecord)) matches++;
  return matches;
}

const ENGINES = ['kfl', 'cel-js', 'hand'] as const;
type EngineName = (typeof ENGINES)[number];

interface Subject {
  readonly query: Query;
  readonly predicates: Readonly<Record<EngineName, Predicate>>;
}

/** Records/s of every round, per query and engine (rounds run the engines back to back). */
type Rates = Record<EngineName, number[]>;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Every query with every engine is warmed up before anything is timed, so each engine is measured
 * in the steady state of a process that has run all five filters (as a Hub does), not while its
 * code still specialises to the first one (with fewer passes cel-js was sometimes measured before
 * V8 had settled its interpreter, at 60% of its speed). Then ROUNDS rounds; a round runs every query, and per
 * query every engine back to back, both in an order that rotates from round to round, so a change
 * in machine load hits all engines alike. No forced GC: each engine pays for its own garbage.
 */
function measure(subjects: readonly Subject[], records: readonly KflRecord[]): { rates: Rates[]; matches: Record<EngineName, number>[] } {
  const matches = subjects.map((s) => Object.fromEntries(ENGINES.map((e) => [e, count(s.predicates[e], records)])) as Record<EngineName, number>);
  for (let pass = 1; pass < WARM_UP_PASSES; pass++) for (const s of subjects) for (const e of ENGINES) count(s.predicates[e], records);
  const rates = subjects.map(() => Object.fromEntries(ENGINES.map((e) => [e, [] as number[]])) as Rates);
  for (let round = 0; round < ROUNDS; round++) {
    for (let q = 0; q < subjects.length; q++) {
      const index = (q + round) % subjects.length;
      const subject = subjects[index] as Subject;
      for (let e = 0; e < ENGINES.length; e++) {
        const engine = ENGINES[(e + round) % ENGINES.length] as EngineName;
        const start = process.hrtime.bigint();
        const found = count(subject.predicates[engine], records);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        if (found !== matches[index]?.[engine]) throw new Error(`${engine} changed its answer to ${subject.query.kfl} between rounds`);
        rates[index]?.[engine].push(records.length / seconds);
      }
    }
  }
  return { rates, matches };
}

/** The median over rounds of a ratio taken within each round (engines measured moments apart). */
function medianRatio(numerator: readonly number[], denominator: readonly number[]): number {
  return median(numerator.map((n, i) => n / (denominator[i] as number)));
}

async function main(): Promise<void> {
  const records = generateRecords(RECORDS);
  const celJs = await celJsCompiler();
  const subjects = QUERIES.map((query): Subject => {
    const compiled = compile(query.kfl, { now: NOW });
    if (!compiled.ok) throw new Error(`${query.kfl} does not compile: ${compiled.diagnostics.map((d) => d.code).join(', ')}`);
    return { query, predicates: { kfl: compiled.predicate, 'cel-js': celJs(query.kfl), hand: query.hand } };
  });
  const loadBefore = loadavg()[0] ?? NaN;
  const { rates, matches } = measure(subjects, records);
  const load = [loadBefore, loadavg()[0] ?? NaN].map((l) => Number(l.toFixed(2)));
  console.log(`${RECORDS.toLocaleString('en-US')} records, ${ROUNDS} rounds after ${WARM_UP_PASSES} warm-up passes; median records/s (millions) and median per-round ratios`);
  console.log(`machine load (1-minute average) ${load[0]} before, ${load[1]} after\n`);
  console.log(['query'.padEnd(20), 'matches', '   KFL', 'cel-js', '  hand', 'KFL/cel-js', 'hand/KFL'].join('  '));
  const rows = subjects.map((subject, q) => {
    const found = matches[q] as Record<EngineName, number>;
    if (found.kfl !== found['cel-js'] || found.kfl !== found.hand) throw new Error(`${subject.query.name}: match counts differ (KFL ${found.kfl}, cel-js ${found['cel-js']}, hand ${found.hand})`);
    const series = rates[q] as Rates;
    const row = {
      query: subject.query.kfl, matches: found.kfl,
      medianPerSecond: Object.fromEntries(ENGINES.map((e) => [e, Math.round(median(series[e]))])),
      bestPerSecond: Object.fromEntries(ENGINES.map((e) => [e, Math.round(Math.max(...series[e]))])),
      kflOverCelJs: medianRatio(series.kfl, series['cel-js']), handOverKfl: medianRatio(series.hand, series.kfl),
      kflOverCelJsRange: [Math.min(...series.kfl.map((k, i) => k / (series['cel-js'][i] as number))), Math.max(...series.kfl.map((k, i) => k / (series['cel-js'][i] as number)))],
    };
    const millions = (e: EngineName): string => (median(series[e]) / 1e6).toFixed(2).padStart(6);
    console.log([subject.query.name.padEnd(20), String(found.kfl).padStart(7), millions('kfl'), millions('cel-js'), millions('hand'),
      `${row.kflOverCelJs.toFixed(2)}×`.padStart(10), `${row.handOverKfl.toFixed(2)}×`.padStart(8)].join('  '));
    return row;
  });
  const resultsDir = path.resolve(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'kfl-predicate.json'), `${JSON.stringify({ date: new Date().toISOString(), load, records: RECORDS, rounds: ROUNDS, warmUpPasses: WARM_UP_PASSES, node: process.version, rows }, undefined, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
