// list_api_calls over 1,000,000 stored calls (goal: a selective KFL query in ≤ 300 ms), side by
// side with the naive design it replaces: the same calls as 1,000,000 plain JS objects filtered
// by a hand-written predicate. Also the memory each takes. The store is filled through the same
// row writer dissection uses, with a realistic mix (HTTP with headers, gRPC, DNS, Redis) over
// 200 workloads.
//
//   npm run bench -- dissect-query
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Workload } from '../protocol/hubApi';
import { type CallDraft, newCall } from '../hub/dissect/calls/call';
import { fieldsBytes } from '../hub/dissect/calls/headerFields';
import { IdentityResolver } from '../hub/dissect/calls/identity';
import { type ConnFacts, RowWriter } from '../hub/dissect/engine/rowWriter';
import { listCalls } from '../hub/dissect/query/listCalls';
import { CallStore } from '../hub/dissect/store/callStore';
import { median, seconds } from './hub-captures';

const CALLS = 1_000_000;
const ROUNDS = 7;
const GOAL_MS = 300;

let seed = 7;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const namespaces = ['prod', 'staging', 'kube-system', 'payments', 'search'];
const workloads: Workload[] = Array.from({ length: 200 }, (_, i) => ({
  name: i % 10 === 0 ? `svc-${i}` : `app-${i}-7d9f8-abcde`, namespace: namespaces[i % namespaces.length]!, kind: i % 10 === 0 ? 'service' : 'pod',
  labels: { app: `app-${i % 20}` }, ips: [{ ip: `10.0.${Math.floor(i / 250)}.${i % 250}`, timestamp: 0 }],
}));
workloads[10]!.name = 'payment-service';

interface Plain { http: boolean; dns: boolean; status: number; method: string; path: string; ns: string; svc: string; elapsed: number; ua: string; questions: string[] }

function draft(i: number, t: number): CallDraft {
  const r = random();
  if (r < 0.7) {
    const call = newCall('http', i, t);
    call.method = pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE']);
    call.url = call.path = pick(['/api/v1/orders', '/api/v1/orders/charge', `/api/v1/users/${Math.floor(random() * 5000)}`, '/healthz', '/api/v2/search']);
    call.status = random() < 0.02 ? 503 : random() < 0.05 ? 404 : 200;
    call.httpVersion = 'HTTP/1.1';
    call.reqFields = fieldsBytes([['host', 'api.prod:8080'], ['user-agent', random() < 0.01 ? 'curl/8.5.0' : 'okhttp/4.12'], ['accept', 'application/json'], ['x-request-id', `r-${i}`]]);
    call.respFields = fieldsBytes([['content-type', 'application/json'], ['content-length', String(Math.floor(random() * 2000))]]);
    call.reqEndUs = t + 50;
    call.respEndUs = t + 50 + Math.floor(random() * 400_000);
    call.hasResponse = true;
    return call;
  }
  if (r < 0.8) {
    const call = newCall('grpc', i, t);
    call.method = 'POST';
    call.url = call.path = '/shop.Payments/Charge';
    call.status = 200;
    call.httpVersion = 'HTTP/2';
    call.grpc = { service: 'shop.Payments', method: 'Charge', status: random() < 0.03 ? 14 : 0, message: '', requestMessages: 1, responseMessages: 1 };
    call.hasResponse = true;
    call.respEndUs = t + 900;
    return call;
  }
  if (r < 0.92) {
    const call = newCall('dns', i, t);
    const name = pick(['api.prod.svc.cluster.local', 'redis.prod.svc.cluster.local', 'example.com', `x${Math.floor(random() * 100000)}.example.org`]);
    call.method = 'A';
    call.url = call.path = name;
    call.status = random() < 0.1 ? 3 : 0;
    call.dns = { questions: [name], questionTypes: ['A'], answers: ['10.0.0.1'], rcode: call.status, hasQuery: true, hasResponse: true, queryLength: 60, responseLength: 90 };
    call.hasResponse = true;
    call.respEndUs = t + 300;
    return call;
  }
  const call = newCall('redis', i, t);
  call.method = pick(['GET', 'SET', 'INCR']);
  call.url = call.path = `user:${Math.floor(random() * 10000)}`;
  call.redis = { command: `${call.method} ${call.path}`, verb: call.method, key: call.path, reply: 'OK', isError: false };
  call.hasResponse = true;
  call.respEndUs = t + 120;
  return call;
}

/** The calls of the mix, in order; the same seed gives the same calls to both designs. */
function* mix(): Generator<{ i: number; call: CallDraft; conn: ConnFacts; client: Workload; server: Workload }> {
  seed = 7;
  let t = 1_773_507_600_000_000;
  for (let i = 0; i < CALLS; i++) {
    t += Math.floor(random() * 3000);
    const client = workloads[Math.floor(random() * 200)]!;
    const server = workloads[Math.floor(random() * 20) * 10]!;
    const conn: ConnFacts = {
      transport: 'tcp', stream: i >> 4, connId: (i >> 4) + 1, clientIp: client.ips[0]!.ip, clientPort: 40000 + (i % 20000),
      serverIp: server.ips[0]!.ip, serverPort: 8080, error: null, detected: ['HTTP'],
    };
    yield { i, call: draft(i & 15, t), conn, client, server };
  }
}

function buildStore(): CallStore {
  const identities = new IdentityResolver(workloads);
  const store = new CallStore(['node-a', 'node-b'], identities.identities, null);
  const writer = new RowWriter(store, null);
  for (const { i, call, conn } of mix()) {
    writer.call({
      node: i & 1, conn, flowId: 1 + (i % 4000), clientIdent: identities.resolve(conn.clientIp, 0), serverIdent: identities.resolve(conn.serverIp, 0), clientDns: '', serverDns: '',
    }, call);
  }
  store.seal();
  return store;
}

/** The naive design: every call a plain object in one array. */
function buildPlain(): Plain[] {
  const plain: Plain[] = [];
  for (const { call, client, server } of mix()) {
    plain.push({
      http: call.proto === 'http' || call.proto === 'grpc', dns: call.proto === 'dns', status: call.status, method: call.method, path: call.path,
      ns: client.namespace, svc: server.kind === 'service' ? server.name : '', elapsed: Math.round(call.respEndUs - call.reqEndUs),
      ua: call.reqFields ? Buffer.from(call.reqFields).toString() : '', questions: call.dns?.questions ?? [],
    });
  }
  return plain;
}

/** Heap and buffer bytes held after a full GC (run with --expose-gc, as npm run bench does). */
function heldMB(): number {
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

const QUERIES: { name: string; kfl: string; naive: (c: Plain) => boolean; selective: boolean }[] = [
  { name: 'http 5xx on orders', kfl: 'http && status_code >= 500 && path.startsWith("/api/v1/orders")', naive: (c) => c.http && c.status >= 500 && c.path.startsWith('/api/v1/orders'), selective: true },
  { name: 'prod → payment-service, slow', kfl: 'src.pod.namespace == "prod" && dst.service.name == "payment-service" && elapsed_time > 250000', naive: (c) => c.ns === 'prod' && c.svc === 'payment-service' && c.elapsed > 250000, selective: true },
  { name: 'DNS NXDOMAIN', kfl: 'dns && status_code == 3', naive: (c) => c.dns && c.status === 3, selective: true },
  { name: 'curl user agents (headers)', kfl: 'http && map_get(request.headers, "user-agent", "").startsWith("curl/")', naive: (c) => c.http && c.ua.includes('user-agent: curl/'), selective: false },
  { name: 'cluster-local questions', kfl: 'dns && dns_questions.exists(q, q.endsWith(".svc.cluster.local"))', naive: (c) => c.dns && c.questions.some((q) => q.endsWith('.svc.cluster.local')), selective: false },
];

const held0 = heldMB();
const t0 = process.hrtime.bigint();
const store = buildStore();
const buildSeconds = seconds(t0);
const held1 = heldMB();
const plain = buildPlain();
const held2 = heldMB();

const SELECTED = process.env.QUERY ? QUERIES.filter((q) => q.name.startsWith(process.env.QUERY!)) : QUERIES;
const rows = SELECTED.map((q) => {
  const ours: number[] = [];
  const naive: number[] = [];
  let total = 0;
  let naiveTotal = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const a = process.hrtime.bigint();
    total = listCalls(store, { kfl: q.kfl, limit: 100, format: 'compact', order: 'asc' }).total;
    ours.push(seconds(a) * 1000);
    const b = process.hrtime.bigint();
    naiveTotal = plain.filter(q.naive).length;
    naive.push(seconds(b) * 1000);
  }
  if (total !== naiveTotal) throw new Error(`${q.name}: ${total} matches vs ${naiveTotal} by the hand-written predicate`);
  const ms = median(ours);
  return { query: q.name, matches: total, listApiCallsMs: Math.round(ms), naiveFilterMs: Math.round(median(naive)), goal: q.selective ? `≤ ${GOAL_MS} ms: ${ms <= GOAL_MS ? 'met' : 'MISSED'}` : '(not selective)' };
});

const memory = {
  calls: CALLS, storeBuildSeconds: +buildSeconds.toFixed(1), strings: store.strings.size,
  storeHeldMB: Math.round(held1 - held0), naiveObjectsHeldMB: Math.round(held2 - held1),
};
console.table(rows);
console.table([memory]);
mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
writeFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'dissect-query.json'), `${JSON.stringify({ rounds: ROUNDS, node: process.version, rows, memory }, null, 2)}\n`);
