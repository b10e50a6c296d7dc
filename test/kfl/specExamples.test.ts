// The binding examples of spec/kfl.md: §12 must be accepted without errors or warnings, §13 must be
// rejected with the listed code (and nothing unrelated). A drift check keeps these lists equal to
// the spec's own.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, type DiagnosticCode, messageOf } from '../../kfl/index';
import { SHARED_DIR } from '../support/paths';

/** [number, filter, infos that are allowed] */
const ACCEPTED: readonly [number, string, DiagnosticCode[]?][] = [
  [1, 'http'],
  [2, 'dns'],
  [3, 'grpc'],
  [4, 'protocol == "DNS"'],
  [5, 'tcp_flow'],
  [6, 'gql || gqlv1 || gqlv2'],
  [7, 'redis && redis_type == "SET"'],
  [8, 'kafka && kafka_api_key_name == "PRODUCE"'],
  [9, 'amqp && amqp_method == "basic.publish" && amqp_total_size > 1000000'],
  [10, 'postgresql && !postgresql_success'],
  [11, 'postgresql && postgresql_error_code == "23505"'],
  [12, 'mysql && mysql_query.contains("DROP TABLE")'],
  [13, 'mongodb && !mongodb_success && mongodb_error_code == 11000'],
  [14, 'tls && tls_info.contains("TLS 1.3")'],
  [15, 'ws && ws_opcode == "close"'],
  [16, 'icmp && icmp_version == 6'],
  [17, 'radius && radius_code_name == "Access-Reject"'],
  [18, 'diameter && diameter_method.startsWith("Credit-Control")'],
  [19, 'sctp && sctp_chunk_type == "DATA"'],
  [20, 'tcp && tcp_error_type != ""'],
  [21, 'capture_source == "ebpf_tls"'],
  [22, 'capture["source"] == "ebpf_tls"'],
  [23, ''],
  [24, 'http && status_code == 500'],
  [25, 'http && status_code >= 500'],
  [26, 'http && status_code >= 400 && status_code < 500'],
  [27, 'http && (status_code == 502 || status_code == 503 || status_code == 504)'],
  [28, 'http && method == "POST" && path.startsWith("/api/v1/orders")'],
  [29, 'http && method in ["PUT", "PATCH", "DELETE"]'],
  [30, 'http && url.matches("^/api/v[0-9]+/users/[0-9]+$")'],
  [31, 'http && path.matches(r"^/api/v\\d+/")'],
  [32, 'http && path.matches("^/api/v\\\\d+/")'],
  [33, 'http && "authorization" in request.headers'],
  [34, 'http && !("authorization" in request.headers)'],
  [35, 'http && map_get(request.headers, "user-agent", "").startsWith("curl/")'],
  [36, 'http && "sid" in request.cookies'],
  [37, 'http && map_get(query_string, "debug", "") == "true"'],
  [38, 'http && http_version == "HTTP/2"'],
  [39, 'http && elapsed_time > 5000000'],
  [40, 'http && response_body_size > 1048576'],
  [41, 'http && request.headers.exists(k, k.startsWith("x-debug"))'],
  [42, 'grpc && grpc_status != 0'],
  [43, 'grpc && grpc_method == "Charge"'],
  [44, '// 5xx towards payments\nhttp && dst.service.name == "payment-service" && status_code >= 500'],
  [45, 'dns && status_code != 0'],
  [46, 'dns && dns_response && status_code != 0'],
  [47, 'dns_questions.exists(q, q.contains("c2"))'],
  [48, 'dns && dns_questions.exists(q, q.endsWith(".svc.cluster.local"))'],
  [49, 'dns && "TXT" in dns_question_types'],
  [50, 'dns && dns_request && size(dns_questions) > 1'],
  [51, 'dns && dns_questions.exists(q, q.matches("(?i)^[a-z0-9]{32,}\\\\."))'],
  [52, 'dst.service.name == "payment-service"'],
  [53, 'src.pod.namespace == "prod" && dst.pod.namespace == "staging"'],
  [54, 'src.service.namespace != dst.service.namespace'],
  [55, 'http && dst.pod.namespace == "production" && status_code >= 500 && dst.service.name == "payment-service" && path.contains("/charge")'],
  [56, 'src.pod.name.startsWith("mizutest-")'],
  [57, 'src.namespace == "sock-shop"', ['kfl/identity-hint']],
  [58, '"kube-system" in namespaces'],
  [59, 'map_get(local_labels, "app", "") == "payment"'],
  [60, 'map_get(remote_labels, "version", "") == "v0.1.0"'],
  [61, 'node["name"] == "ip-10-0-25-170.ec2.internal"'],
  [62, 'node_name == "ip-10-0-25-170.ec2.internal" && local_process_name == "curl"'],
  [63, 'src.ip == "10.0.53.101" || dst.ip == "10.0.53.101"'],
  [64, 'dst.port == 443 && !(dst.ip.startsWith("10.") || dst.ip.startsWith("192.168."))'],
  [65, 'src.port < 1024 && dst.port >= 30000 && dst.port <= 32767'],
  [66, 'dst.dns.endsWith(".google.com")'],
  [67, 'remote_resolution_status != ""'],
  [68, 'conn && conn_state == "open" && conn_local_bytes > 1000000'],
  [69, 'conn && "HTTP" in conn_l7_detected'],
  [70, 'conn && conn_l7_detected.exists(p, p == "TLS") && dst.port != 443'],
  [71, 'flow && flow_remote_bps > 10000000'],
  [72, 'udp_flow && dst.port == 53'],
  [73, 'has_pcap && conn_id != 0'],
  [74, 'timestamp > now() - duration("5m")'],
  [75, 'timestamp >= now()'],
  [76, 'timestamp >= timestamp("2026-03-14T17:00:00Z") && timestamp < timestamp("2026-03-14T18:00:00Z")'],
  [77, 'http && timestamp > timestamp("2026-03-14T22:30:00+05:30")'],
  [78, 'elapsed_time > 250000 && elapsed_time <= 1000000'],
  [79, 'dns_answers.all(a, a != "0.0.0.0")'],
  [80, 'dns_questions.exists_one(q, q.endsWith(".local"))'],
  [81, 'size(dns_questions.filter(q, q.contains("xn--"))) > 0'],
  [82, 'dns_questions.map(q, size(q)).exists(n, n > 60)'],
  [83, 'http ? status_code >= 500 : (dns && status_code != 0)'],
  [84, 'has(request.headers.authorization)', ['kfl/unconfirmed']],
  [85, 'size(tcp_payload) > 0 && tcp_payload.size() < 64'],
];

/** [number, filter, listed code, other errors the same mistake legitimately also raises] */
const REJECTED: readonly [number, string, DiagnosticCode, DiagnosticCode[]?][] = [
  [1, 'http and status_code == 500', 'kfl/v1-syntax'],
  [2, 'dns or http', 'kfl/v1-syntax'],
  [3, 'http && response.status == 500', 'kfl/unknown-field', ['kfl/v1-syntax']],
  [4, 'request.path.startsWith("/api")', 'kfl/unknown-field', ['kfl/v1-syntax']],
  [5, 'src.ns == "prod"', 'kfl/unknown-field', ['kfl/v1-syntax']],
  [6, 'http && http2', 'kfl/unknown-field', ['kfl/v1-syntax']],
  [7, 'http && status == 200', 'kfl/unknown-field'],
  [8, 'http && method == GET', 'kfl/unknown-field'],
  [9, 'path == r"^/api/.*"', 'kfl/v1-syntax'],
  [10, 'request.path contains "/api"', 'kfl/v1-syntax', ['kfl/unknown-field']],
  [11, 'status_code == "500"', 'kfl/type-mismatch'],
  [12, 'status_code == 500.0', 'kfl/type-mismatch'],
  [13, 'grpc && grpc_status == 0u', 'kfl/type-mismatch'],
  [14, 'src.port == "8080"', 'kfl/type-mismatch'],
  [15, 'postgresql_error_code == 23505', 'kfl/type-mismatch'],
  [16, 'http && elapsed_time > duration("5s")', 'kfl/type-mismatch'],
  [17, 'timestamp > 1773507600000', 'kfl/type-mismatch'],
  [18, 'kafka_api_key == "PRODUCE"', 'kfl/type-mismatch'],
  [19, '"admin" in path', 'kfl/type-mismatch'],
  [20, 'map_get(local_labels, "app", 0) == 1', 'kfl/type-mismatch'],
  [21, 'status_code.startsWith("5")', 'kfl/receiver'],
  [22, 'dns_questions.contains("evil.com")', 'kfl/receiver'],
  [23, 'tcp_payload.contains("GET")', 'kfl/receiver'],
  [24, 'size(status_code) > 0', 'kfl/type-mismatch'],
  [25, 'path.contains()', 'kfl/arity'],
  [26, 'map_get(local_labels, "app") == "payment"', 'kfl/arity'],
  [27, 'dns_questions.exists(q)', 'kfl/arity'],
  [28, 'dns_questions.exists("q", q.contains("x"))', 'kfl/macro-variable'],
  [29, 'path == "/api', 'kfl/unterminated-string'],
  [30, 'method == \'GET"', 'kfl/unterminated-string'],
  [31, 'http && && dns', 'kfl/unexpected-token'],
  [32, 'http dns', 'kfl/unexpected-token'],
  [33, '(http && dns', 'kfl/unbalanced'],
  [34, 'status_code = 500', 'kfl/invalid-char'],
  [35, 'http && !', 'kfl/unexpected-end'],
  [36, 'status_code', 'kfl/not-bool'],
  [37, 'path.matches("^/api/v\\d+")', 'kfl/bad-escape'],
  [38, 'path.matches("(?<=/api)/users")', 'kfl/invalid-regex'],
  [39, 'timestamp > now() - duration("1d")', 'kfl/invalid-duration'],
  [40, 'timestamp > timestamp("2026-03-14 17:00")', 'kfl/invalid-timestamp'],
  [41, 'http && path.lowerAscii() == "/login"', 'kfl/unknown-function'],
  [42, 'if && http', 'kfl/reserved-word'],
];

describe('spec §12: examples that must be accepted', () => {
  for (const [number, filter, allowedInfos = []] of ACCEPTED) {
    it(`#${number} ${JSON.stringify(filter)}`, () => {
      const analysis = analyze(filter);
      const unexpected = analysis.diagnostics.filter((d) => !(d.severity === 'info' && allowedInfos.includes(d.code)));
      assert.deepEqual(unexpected.map((d) => `${d.code}: ${messageOf(d)}`), []);
      assert.equal(analysis.resultType.kind, 'bool');
      for (const code of allowedInfos) assert.ok(analysis.diagnostics.some((d) => d.code === code), `the noted info ${code} is given`);
    });
  }

  it('#23 the empty filter: no text, whitespace, comments', () => {
    for (const text of ['', '   \n\t', '// nothing here\n  // nor here']) {
      const analysis = analyze(text);
      assert.equal(analysis.empty, true);
      assert.equal(analysis.ast, undefined);
      assert.deepEqual(analysis.diagnostics, []);
    }
  });
});

describe('spec §13: examples that must be rejected', () => {
  for (const [number, filter, code, alsoAllowed = []] of REJECTED) {
    it(`#${number} ${JSON.stringify(filter)} → ${code}`, () => {
      const errors = analyze(filter).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.some((d) => d.code === code), `expected ${code}, got ${errors.map((d) => d.code).join(', ') || 'no error'}`);
      const unrelated = errors.filter((d) => d.code !== code && !alsoAllowed.includes(d.code));
      assert.deepEqual(unrelated.map((d) => `${d.code}: ${messageOf(d)}`), [], 'no cascade of unrelated errors');
    });
  }
});

describe('spec drift: these lists are the spec\'s', () => {
  const specPath = path.join(SHARED_DIR, 'spec', 'kfl.md');
  const spec = existsSync(specPath) ? readFileSync(specPath, 'utf8') : undefined;

  it('§12 lists the same 85 filters', function () {
    if (!spec) this.skip();
    const section = spec!.slice(spec!.indexOf('## 12.'), spec!.indexOf('## 13.'));
    const listed = [...section.matchAll(/^(\d+)\. (.*)$/gm)].map(([, n, rest]) => {
      const quoted = [...rest.matchAll(/`([^`]*)`/g)].map((m) => m[1]).filter((q) => !q.startsWith('kfl/'));
      return [Number(n), Number(n) === 44 ? quoted.join('\n') : (quoted[0] ?? '')];
    });
    assert.deepEqual(listed, ACCEPTED.map(([n, filter]) => [n, filter]));
  });

  it('§13 lists the same 42 filters and codes', function () {
    if (!spec) this.skip();
    const section = spec!.slice(spec!.indexOf('## 13.'));
    const listed = [...section.matchAll(/^\| (\d+) \| `(.*)` \| `(kfl\/[a-z0-9-]+)`/gm)].map(([, n, filter, code]) => [Number(n), filter.replace(/\\\|/g, '|'), code]);
    assert.deepEqual(listed, REJECTED.map(([n, filter, code]) => [n, filter, code]));
  });
});
