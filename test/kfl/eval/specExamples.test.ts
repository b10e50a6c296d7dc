// Every example of spec §12 compiles, and matches a hand-built record that obviously satisfies it
// while not matching one that obviously does not.
import * as assert from 'node:assert/strict';
import { compile, type KflRecord } from '../../../kfl/eval/compile';
import { EvalError } from '../../../kfl/eval/values';
import { NOW } from './support';

const ms = (iso: string): number => Date.parse(iso);
const headers = (h: Record<string, string>): KflRecord => ({ request: { headers: h, cookies: {} } });

/** [filter, a record it matches, a record it does not match]. */
const EXAMPLES: readonly (readonly [string, KflRecord, KflRecord])[] = [
  ['http', { http: true }, { dns: true }],
  ['dns', { dns: true }, { http: true }],
  ['grpc', { grpc: true, http: true }, { http: true }],
  ['protocol == "DNS"', { protocol: 'DNS' }, { protocol: 'HTTP' }],
  ['tcp_flow', { tcp_flow: true }, { udp_flow: true }],
  ['gql || gqlv1 || gqlv2', { gqlv2: true }, { http: true }],
  ['redis && redis_type == "SET"', { redis: true, redis_type: 'SET' }, { redis: true, redis_type: 'GET' }],
  ['kafka && kafka_api_key_name == "PRODUCE"', { kafka: true, kafka_api_key_name: 'PRODUCE' }, { kafka: true, kafka_api_key_name: 'FETCH' }],
  ['amqp && amqp_method == "basic.publish" && amqp_total_size > 1000000', { amqp: true, amqp_method: 'basic.publish', amqp_total_size: 2_000_000 }, { amqp: true, amqp_method: 'basic.publish', amqp_total_size: 10 }],
  ['postgresql && !postgresql_success', { postgresql: true, postgresql_success: false }, { postgresql: true, postgresql_success: true }],
  ['postgresql && postgresql_error_code == "23505"', { postgresql: true, postgresql_error_code: '23505' }, { postgresql: true, postgresql_error_code: '42P01' }],
  ['mysql && mysql_query.contains("DROP TABLE")', { mysql: true, mysql_query: 'DROP TABLE users;' }, { mysql: true, mysql_query: 'SELECT 1' }],
  ['mongodb && !mongodb_success && mongodb_error_code == 11000', { mongodb: true, mongodb_success: false, mongodb_error_code: 11000 }, { mongodb: true, mongodb_success: true }],
  ['tls && tls_info.contains("TLS 1.3")', { tls: true, tls_info: 'TLS 1.3, AES-256-GCM' }, { tls: true, tls_info: 'TLS 1.2' }],
  ['ws && ws_opcode == "close"', { ws: true, ws_opcode: 'close' }, { ws: true, ws_opcode: 'text' }],
  ['icmp && icmp_version == 6', { icmp: true, icmp_version: 6 }, { icmp: true, icmp_version: 4 }],
  ['radius && radius_code_name == "Access-Reject"', { radius: true, radius_code_name: 'Access-Reject' }, { radius: true, radius_code_name: 'Access-Accept' }],
  ['diameter && diameter_method.startsWith("Credit-Control")', { diameter: true, diameter_method: 'Credit-Control-Request' }, { diameter: true, diameter_method: 'Device-Watchdog' }],
  ['sctp && sctp_chunk_type == "DATA"', { sctp: true, sctp_chunk_type: 'DATA' }, { sctp: true, sctp_chunk_type: 'INIT' }],
  ['tcp && tcp_error_type != ""', { tcp: true, tcp_error_type: 'reset' }, { tcp: true }],
  ['capture_source == "ebpf_tls"', { capture_source: 'ebpf_tls' }, { capture_source: 'af_packet' }],
  ['capture["source"] == "ebpf_tls"', { capture: { source: 'ebpf_tls', backend: 'ebpf' } }, { capture: { source: 'ebpf', backend: 'ebpf' } }],
  ['http && status_code == 500', { http: true, status_code: 500 }, { http: true, status_code: 200 }],
  ['http && status_code >= 500', { http: true, status_code: 503 }, { http: true, status_code: 404 }],
  ['http && status_code >= 400 && status_code < 500', { http: true, status_code: 404 }, { http: true, status_code: 500 }],
  ['http && (status_code == 502 || status_code == 503 || status_code == 504)', { http: true, status_code: 504 }, { http: true, status_code: 500 }],
  ['http && method == "POST" && path.startsWith("/api/v1/orders")', { http: true, method: 'POST', path: '/api/v1/orders/7' }, { http: true, method: 'GET', path: '/api/v1/orders/7' }],
  ['http && method in ["PUT", "PATCH", "DELETE"]', { http: true, method: 'PATCH' }, { http: true, method: 'GET' }],
  ['http && url.matches("^/api/v[0-9]+/users/[0-9]+$")', { http: true, url: '/api/v2/users/17' }, { http: true, url: '/api/v2/users/17?x=1' }],
  ['http && path.matches(r"^/api/v\\d+/")', { http: true, path: '/api/v3/x' }, { http: true, path: '/apix/v3/' }],
  ['http && path.matches("^/api/v\\\\d+/")', { http: true, path: '/api/v3/x' }, { http: true, path: '/api/vx/' }],
  ['http && "authorization" in request.headers', { http: true, ...headers({ authorization: 'Bearer t' }) }, { http: true, ...headers({}) }],
  ['http && !("authorization" in request.headers)', { http: true, ...headers({}) }, { http: true, ...headers({ authorization: 'Bearer t' }) }],
  ['http && map_get(request.headers, "user-agent", "").startsWith("curl/")', { http: true, ...headers({ 'user-agent': 'curl/8.5.0' }) }, { http: true, ...headers({}) }],
  ['http && "sid" in request.cookies', { http: true, request: { headers: {}, cookies: { sid: 'abc' } } }, { http: true, request: { headers: {}, cookies: {} } }],
  ['http && map_get(query_string, "debug", "") == "true"', { http: true, query_string: { debug: 'true' } }, { http: true, query_string: {} }],
  ['http && http_version == "HTTP/2"', { http: true, http_version: 'HTTP/2' }, { http: true, http_version: 'HTTP/1.1' }],
  ['http && elapsed_time > 5000000', { http: true, elapsed_time: 6_000_000 }, { http: true, elapsed_time: 4_000_000 }],
  ['http && response_body_size > 1048576', { http: true, response_body_size: 2_000_000 }, { http: true, response_body_size: 100 }],
  ['http && request.headers.exists(k, k.startsWith("x-debug"))', { http: true, ...headers({ 'x-debug-trace': '1' }) }, { http: true, ...headers({ accept: '*/*' }) }],
  ['grpc && grpc_status != 0', { grpc: true, grpc_status: 14 }, { grpc: true, grpc_status: 0 }],
  ['grpc && grpc_method == "Charge"', { grpc: true, grpc_method: 'Charge' }, { grpc: true, grpc_method: 'Refund' }],
  ['// 5xx towards payments\nhttp && dst.service.name == "payment-service" && status_code >= 500', { http: true, status_code: 502, dst: { service: { name: 'payment-service' } } }, { http: true, status_code: 502, dst: { service: { name: 'orders' } } }],
  ['dns && status_code != 0', { dns: true, status_code: 3 }, { dns: true, status_code: 0 }],
  ['dns && dns_response && status_code != 0', { dns: true, dns_response: true, status_code: 2 }, { dns: true, dns_request: true, status_code: 2 }],
  ['dns_questions.exists(q, q.contains("c2"))', { dns_questions: ['c2.evil.com'] }, { dns_questions: ['example.com'] }],
  ['dns && dns_questions.exists(q, q.endsWith(".svc.cluster.local"))', { dns: true, dns_questions: ['orders.prod.svc.cluster.local'] }, { dns: true, dns_questions: ['example.com'] }],
  ['dns && "TXT" in dns_question_types', { dns: true, dns_question_types: ['A', 'TXT'] }, { dns: true, dns_question_types: ['A'] }],
  ['dns && dns_request && size(dns_questions) > 1', { dns: true, dns_request: true, dns_questions: ['a', 'b'] }, { dns: true, dns_request: true, dns_questions: ['a'] }],
  ['dns && dns_questions.exists(q, q.matches("(?i)^[a-z0-9]{32,}\\\\."))', { dns: true, dns_questions: [`${'A1'.repeat(16)}.tunnel.io`] }, { dns: true, dns_questions: ['www.example.com'] }],
  ['dst.service.name == "payment-service"', { dst: { service: { name: 'payment-service' } } }, { dst: { service: { name: 'orders' } } }],
  ['src.pod.namespace == "prod" && dst.pod.namespace == "staging"', { src: { pod: { namespace: 'prod' } }, dst: { pod: { namespace: 'staging' } } }, { src: { pod: { namespace: 'prod' } }, dst: { pod: { namespace: 'prod' } } }],
  ['src.service.namespace != dst.service.namespace', { src: { service: { namespace: 'a' } }, dst: { service: { namespace: 'b' } } }, { src: { service: { namespace: 'a' } }, dst: { service: { namespace: 'a' } } }],
  ['http && dst.pod.namespace == "production" && status_code >= 500 && dst.service.name == "payment-service" && path.contains("/charge")',
    { http: true, status_code: 500, path: '/v1/charge', dst: { pod: { namespace: 'production' }, service: { name: 'payment-service' } } },
    { http: true, status_code: 500, path: '/v1/refund', dst: { pod: { namespace: 'production' }, service: { name: 'payment-service' } } }],
  ['src.pod.name.startsWith("mizutest-")', { src: { pod: { name: 'mizutest-7f' } } }, { src: { pod: { name: 'web-7f' } } }],
  ['src.namespace == "sock-shop"', { src: { namespace: 'sock-shop' } }, { src: { namespace: 'prod' } }],
  ['"kube-system" in namespaces', { namespaces: ['kube-system', 'prod'] }, { namespaces: ['prod'] }],
  ['map_get(local_labels, "app", "") == "payment"', { local_labels: { app: 'payment' } }, { local_labels: {} }],
  ['map_get(remote_labels, "version", "") == "v0.1.0"', { remote_labels: { version: 'v0.1.0' } }, { remote_labels: { version: 'v0.2.0' } }],
  ['node["name"] == "ip-10-0-25-170.ec2.internal"', { node: { name: 'ip-10-0-25-170.ec2.internal', ip: '10.0.25.170' } }, { node: { name: 'other', ip: '10.0.0.1' } }],
  ['node_name == "ip-10-0-25-170.ec2.internal" && local_process_name == "curl"', { node_name: 'ip-10-0-25-170.ec2.internal', local_process_name: 'curl' }, { node_name: 'ip-10-0-25-170.ec2.internal', local_process_name: 'wget' }],
  ['src.ip == "10.0.53.101" || dst.ip == "10.0.53.101"', { src: { ip: '10.0.0.1' }, dst: { ip: '10.0.53.101' } }, { src: { ip: '10.0.0.1' }, dst: { ip: '10.0.0.2' } }],
  ['dst.port == 443 && !(dst.ip.startsWith("10.") || dst.ip.startsWith("192.168."))', { dst: { port: 443, ip: '142.250.1.1' } }, { dst: { port: 443, ip: '10.1.2.3' } }],
  ['src.port < 1024 && dst.port >= 30000 && dst.port <= 32767', { src: { port: 80 }, dst: { port: 30080 } }, { src: { port: 80 }, dst: { port: 8080 } }],
  ['dst.dns.endsWith(".google.com")', { dst: { dns: 'www.google.com' } }, { dst: { dns: 'google.com.evil' } }],
  ['remote_resolution_status != ""', { remote_resolution_status: 'cache_miss' }, {}],
  ['conn && conn_state == "open" && conn_local_bytes > 1000000', { conn: true, conn_state: 'open', conn_local_bytes: 5_000_000 }, { conn: true, conn_state: 'closed', conn_local_bytes: 5_000_000 }],
  ['conn && "HTTP" in conn_l7_detected', { conn: true, conn_l7_detected: ['HTTP', 'TLS'] }, { conn: true, conn_l7_detected: ['DNS'] }],
  ['conn && conn_l7_detected.exists(p, p == "TLS") && dst.port != 443', { conn: true, conn_l7_detected: ['TLS'], dst: { port: 8443 } }, { conn: true, conn_l7_detected: ['TLS'], dst: { port: 443 } }],
  ['flow && flow_remote_bps > 10000000', { flow: true, flow_remote_bps: 20_000_000 }, { flow: true, flow_remote_bps: 100 }],
  ['udp_flow && dst.port == 53', { udp_flow: true, dst: { port: 53 } }, { udp_flow: true, dst: { port: 123 } }],
  ['has_pcap && conn_id != 0', { has_pcap: true, conn_id: 17 }, { has_pcap: true }],
  ['timestamp > now() - duration("5m")', { timestamp: NOW - 60_000 }, { timestamp: NOW - 600_000 }],
  ['timestamp >= now()', { timestamp: NOW + 1 }, { timestamp: NOW - 1 }],
  ['timestamp >= timestamp("2026-03-14T17:00:00Z") && timestamp < timestamp("2026-03-14T18:00:00Z")', { timestamp: ms('2026-03-14T17:15:00Z') }, { timestamp: ms('2026-03-14T18:00:00Z') }],
  ['http && timestamp > timestamp("2026-03-14T22:30:00+05:30")', { http: true, timestamp: ms('2026-03-14T17:00:01Z') }, { http: true, timestamp: ms('2026-03-14T17:00:00Z') }],
  ['elapsed_time > 250000 && elapsed_time <= 1000000', { elapsed_time: 1_000_000 }, { elapsed_time: 1_000_001 }],
  ['dns_answers.all(a, a != "0.0.0.0")', { dns_answers: ['10.0.0.1'] }, { dns_answers: ['10.0.0.1', '0.0.0.0'] }],
  ['dns_questions.exists_one(q, q.endsWith(".local"))', { dns_questions: ['a.local', 'b.com'] }, { dns_questions: ['a.local', 'b.local'] }],
  ['size(dns_questions.filter(q, q.contains("xn--"))) > 0', { dns_questions: ['xn--mnchen-3ya.de'] }, { dns_questions: ['muenchen.de'] }],
  ['dns_questions.map(q, size(q)).exists(n, n > 60)', { dns_questions: [`${'a'.repeat(61)}.io`] }, { dns_questions: ['short.io'] }],
  ['http ? status_code >= 500 : (dns && status_code != 0)', { dns: true, status_code: 3 }, { http: true, status_code: 200 }],
  ['has(request.headers.authorization)', headers({ authorization: 'Bearer t' }), headers({})],
  ['size(tcp_payload) > 0 && tcp_payload.size() < 64', { tcp_payload: new TextEncoder().encode('GET / HTTP/1.1') }, { tcp_payload: new Uint8Array(64) }],
];

describe('kfl/eval spec §12 examples', () => {
  it('covers all 84 non-empty examples', () => assert.equal(EXAMPLES.length, 84));

  for (const [filter, matching, other] of EXAMPLES) {
    it(filter.replace(/\n/g, ' ⏎ '), () => {
      const compiled = compile(filter, { now: NOW });
      assert.ok(compiled.ok, compiled.ok ? '' : compiled.diagnostics.map((d) => d.code).join(', '));
      assert.equal(compiled.evaluate(matching), true);
      const miss = compiled.evaluate(other);
      assert.ok(!(miss instanceof EvalError), `no error expected: ${miss instanceof EvalError ? miss.message : ''}`);
      assert.equal(miss, false);
    });
  }

  it('the empty filter (only whitespace and comments) matches everything', () => {
    for (const text of ['', '   \n\t', '// nothing here\n  // or here']) {
      const compiled = compile(text);
      assert.ok(compiled.ok);
      assert.equal(compiled.predicate({}), true);
      assert.equal(compiled.evaluate({ http: false }), true);
    }
  });
});
