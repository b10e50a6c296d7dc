// The wordings of spec §10–§11, verbatim, and what each quick fix turns the filter into.
import assert from 'node:assert/strict';
import { analyze, applyEdits, type DiagnosticCode, type KflDiagnostic, messageOf } from '../../kfl/index';

/** The diagnostic with `code` (exactly one), and the filter after each of its fixes. */
function only(filter: string, code: DiagnosticCode, timeZone = 'UTC'): { diagnostic: KflDiagnostic; fixed: string[] } {
  const found = analyze(filter, { timeZone }).diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${filter}: ${found.map(messageOf).join(' / ')}`);
  return { diagnostic: found[0], fixed: found[0].fixes.map((f) => applyEdits(filter, f.edits)) };
}

/** [filter, code, message, filters after the fixes (in order)] */
type Row = [string, DiagnosticCode, string, string[]?];

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const [filter, code, message, fixed] of rows) {
      it(`${filter} → ${code}`, () => {
        const result = only(filter, code);
        assert.equal(messageOf(result.diagnostic), message);
        if (fixed) assert.deepEqual(result.fixed, fixed);
      });
    }
  });
}

table('§11.1 unknown field with did-you-mean', [
  ['response.status == 500', 'kfl/unknown-field', '`response` has no field `status`. Did you mean `status_code`?', ['status_code == 500']],
  ['status == 200', 'kfl/unknown-field', 'Unknown field `status`. Did you mean `status_code`?', ['status_code == 200']],
  ['request.path == "/"', 'kfl/unknown-field', '`request` has no field `path`. Did you mean `path`?', ['path == "/"']],
  ['request.method == "GET"', 'kfl/unknown-field', '`request` has no field `method`. Did you mean `method`?', ['method == "GET"']],
  ['request.url == "/"', 'kfl/unknown-field', '`request` has no field `url`. Did you mean `url`?', ['url == "/"']],
  ['src.ns == "prod"', 'kfl/unknown-field', '`src` has no field `ns`. Did you mean `src.pod.namespace` or `src.namespace`?', ['src.pod.namespace == "prod"', 'src.namespace == "prod"']],
  ['dst.ns == "prod"', 'kfl/unknown-field', '`dst` has no field `ns`. Did you mean `dst.pod.namespace` or `dst.namespace`?', ['dst.pod.namespace == "prod"', 'dst.namespace == "prod"']],
  ['src.pod_name == "a"', 'kfl/unknown-field', '`src` has no field `pod_name`. Did you mean `src.pod.name`?', ['src.pod.name == "a"']],
  ['src.svc == "a"', 'kfl/unknown-field', '`src` has no field `svc`. Did you mean `src.service.name`?', ['src.service.name == "a"']],
  ['dns && http2', 'kfl/unknown-field', 'Unknown field `http2`. HTTP/2 is `http && http_version == "HTTP/2"`.', ['dns && (http && http_version == "HTTP/2")']],
  ['https', 'kfl/unknown-field', 'Unknown field `https`. Did you mean `tls && http`?', ['(tls && http)']],
  ['latency_ms > 250', 'kfl/unknown-field', 'Unknown field `latency_ms`. Did you mean `elapsed_time` (microseconds)?', ['elapsed_time > 250000']],
  ['grpcStatus != 0', 'kfl/unknown-field', 'Unknown field `grpcStatus`. Did you mean `grpc_status`?', ['grpc_status != 0']],
  ['grpc.status != 0', 'kfl/unknown-field', '`grpc` has no field `status`. Did you mean `grpc_status`?', ['grpc_status != 0']],
  ['dns_question == "a"', 'kfl/unknown-field', 'Unknown field `dns_question`. Did you mean `dns_questions` (a list)?', ['dns_questions == "a"']],
  ['dns.name == "a"', 'kfl/unknown-field', '`dns` has no field `name`. Did you mean `dns_questions` (a list)?', ['dns_questions == "a"']],
  ['kafka_topic == "orders"', 'kfl/unknown-field', 'Unknown field `kafka_topic`. Did you mean `kafka_request_summary`?', ['kafka_request_summary == "orders"']],
  ['method == GET', 'kfl/unknown-field', 'Unknown name `GET`. Did you mean the string `"GET"`?', ['method == "GET"']],
  ['method in [GET, "POST"]', 'kfl/unknown-field', 'Unknown name `GET`. Did you mean the string `"GET"`?', ['method in ["GET", "POST"]']],
  ['stauts_code == 500', 'kfl/unknown-field', 'Unknown field `stauts_code`. Did you mean `status_code`?', ['status_code == 500']],
  ['node.name == "n1"', 'kfl/identity-hint', 'Prefer `node_name`.', ['node_name == "n1"']],
  ['src.namespace == "a"', 'kfl/identity-hint', 'Valid. `src.namespace` is the namespace of the best known identity (pod, else service). `src.pod.namespace` is the pod\'s namespace and is the form used in official examples; they can differ for entries without pod resolution.', ['src.pod.namespace == "a"']],
  ['dst.namespace == "a"', 'kfl/identity-hint', 'Valid. `dst.namespace` is the namespace of the best known identity (pod, else service). `dst.pod.namespace` is the pod\'s namespace and is the form used in official examples; they can differ for entries without pod resolution.', ['dst.pod.namespace == "a"']],
]);

table('§11.2 type mismatch', [
  ['status_code == "500"', 'kfl/type-mismatch', 'Cannot compare `int` with `string`: `status_code` is an int.', ['status_code == 500']],
  ['status_code == 500.0', 'kfl/type-mismatch', 'Cannot compare `int` with `double`.', ['status_code == 500']],
  ['grpc_status == 0u', 'kfl/type-mismatch', 'Cannot compare `int` with `uint`.', ['grpc_status == 0']],
  ['postgresql_error_code == 23505', 'kfl/type-mismatch', 'Cannot compare `string` with `int`: SQLSTATE codes are strings.', ['postgresql_error_code == "23505"']],
  ['elapsed_time > duration("5s")', 'kfl/type-mismatch', 'Cannot compare `int` with `duration`: `elapsed_time` is an int in microseconds.', ['elapsed_time > 5000000']],
  ['timestamp > 1773507600000', 'kfl/type-mismatch', 'Cannot compare `timestamp` with `int`.', ['timestamp > timestamp("2026-03-14T17:00:00Z")']],
  ['"admin" in path', 'kfl/type-mismatch', 'Right side of `in` must be a list or a map; `path` is `string`. Did you mean `path.contains("admin")`?', ['path.contains("admin")']],
  ['kafka_api_key == "PRODUCE"', 'kfl/type-mismatch', 'Cannot compare `int` with `string`. Did you mean `kafka_api_key_name == "PRODUCE"`?', ['kafka_api_key_name == "PRODUCE"']],
  ['map_get(local_labels, "app", 0) == "x"', 'kfl/type-mismatch', 'Default must be `string` to match the map\'s values; got `int`.', ['map_get(local_labels, "app", "") == "x"']],
  ['size(status_code) > 0', 'kfl/type-mismatch', '`size` accepts string, bytes, list or map; got `int`.', []],
  ['method in ["GET", 1]', 'kfl/type-mismatch', 'List elements must have one type; found `string` and `int`.', []],
  ['src.pod == null', 'kfl/type-mismatch', 'Fields are never null; compare with the default value instead.', []],
  ['src.name == null', 'kfl/type-mismatch', 'Fields are never null; compare with the default value instead.', ['src.name == ""']],
]);

table('§11.3 wrong method receiver', [
  ['status_code.startsWith("5")', 'kfl/receiver', '`startsWith` needs a `string` receiver; `status_code` is `int`. For a status class use `status_code >= 500 && status_code < 600`.', ['status_code >= 500 && status_code < 600']],
  ['dns_questions.contains("evil.com")', 'kfl/receiver', '`contains` needs a `string` receiver; `dns_questions` is `list(string)`. Use `"evil.com" in dns_questions` or `dns_questions.exists(q, q.contains("evil.com"))`.', ['"evil.com" in dns_questions', 'dns_questions.exists(q, q.contains("evil.com"))']],
  ['tcp_payload.contains("GET")', 'kfl/receiver', '`contains` needs a `string` receiver; `tcp_payload` is `bytes`.', []],
  ['timestamp.contains("2026")', 'kfl/receiver', '`contains` needs a `string` receiver; `timestamp` is `timestamp`.', []],
  ['request.headers.startsWith("x")', 'kfl/receiver', '`startsWith` needs a `string` receiver; `request.headers` is `map(string, string)`.', []],
]);

table('§11.4 wrong arity', [
  ['path.contains()', 'kfl/arity', '`contains` takes 1 argument; got 0.', []],
  ['path.startsWith("/api", "/v1")', 'kfl/arity', '`startsWith` takes 1 argument; got 2.', []],
  ['map_get(local_labels, "app") == "x"', 'kfl/arity', '`map_get` takes 3 arguments (map, key, default); got 2.', ['map_get(local_labels, "app", "") == "x"']],
  ['size() > 0', 'kfl/arity', '`size` takes 1 argument; got 0.', []],
  ['timestamp > now(1)', 'kfl/arity', '`now` takes no arguments; got 1.', []],
  ['dns_questions.exists(q)', 'kfl/arity', '`exists` takes 2 arguments (variable, predicate); got 1.', []],
]);

table('§11.5 syntax', [
  ['path == "/api', 'kfl/unterminated-string', 'Unterminated string literal (opened at column 9).', ['path == "/api"']],
  ['method == \'GET"', 'kfl/unterminated-string', 'Unterminated string literal (opened at column 11); strings must close with the quote they open with.', ['method == \'GET\'']],
  ['http && && dns', 'kfl/unexpected-token', 'Unexpected `&&`; expected an expression.', []],
  ['http dns', 'kfl/unexpected-token', 'Unexpected `dns` after a complete expression. Missing `&&` or `||`?', ['http && dns', 'http || dns']],
  ['status_code == 500)', 'kfl/unbalanced', 'Unexpected `)` without a matching `(`.', ['status_code == 500']],
  ['(http && dns', 'kfl/unbalanced', 'Missing `)` to close the `(` at column 1.', ['(http && dns)']],
  ['status_code = 500', 'kfl/invalid-char', '`=` is not an operator. Did you mean `==`?', ['status_code == 500']],
  ['http & dns', 'kfl/invalid-char', '`&` is not an operator. Did you mean `&&`?', ['http && dns']],
  ['http | dns', 'kfl/invalid-char', '`|` is not an operator. Did you mean `||`?', ['http || dns']],
  ['http && !', 'kfl/unexpected-end', 'The filter ends after `!`; expected an operand.', []],
  ['if && http', 'kfl/reserved-word', '`if` is a reserved word and cannot be used as a name.', []],
]);

table('§11.6 KFL v1 syntax', [
  ['http and status_code == 500', 'kfl/v1-syntax', '`and` is KFL v1 syntax; KFL2 uses `&&`.', ['http && status_code == 500']],
  ['dns or http', 'kfl/v1-syntax', '`or` is KFL v1 syntax; KFL2 uses `||`.', ['dns || http']],
  ['not http', 'kfl/v1-syntax', '`not` is KFL v1 syntax; KFL2 uses `!`.', ['!http']],
  ['path == r"^/api/.*"', 'kfl/v1-syntax', 'In KFL2 `r"…"` is a raw string and `==` compares it literally. Use `matches` for a regular expression.', ['path.matches(r"^/api/.*")']],
  ['path != r"\\.js$"', 'kfl/v1-syntax', 'In KFL2 `r"…"` is a raw string and `!=` compares it literally. Use `matches` for a regular expression.', ['!path.matches(r"\\.js$")']],
  ['path contains "/api"', 'kfl/v1-syntax', 'Infix `contains` is KFL v1; KFL2 calls it as a method.', ['path.contains("/api")']],
  ['response.status == 500', 'kfl/v1-syntax', '`response.status` is KFL v1; KFL2 uses `status_code`.', ['status_code == 500']],
  ['src.ns == "frontend"', 'kfl/v1-syntax', '`src.ns` is KFL v1; KFL2 uses `src.pod.namespace`.', ['src.pod.namespace == "frontend"']],
  ['timestamp > datetime("3/14/2026, 5:00:00 PM")', 'kfl/v1-syntax', '`datetime()` is KFL v1; KFL2 uses `timestamp("RFC 3339")`.', ['timestamp > timestamp("2026-03-14T17:00:00Z")']],
  ['http && limit(100)', 'kfl/v1-syntax', '`limit()` is KFL v1; set the result limit in the query options instead.', ['http']],
  ['src.name == nil', 'kfl/v1-syntax', '`nil` is KFL v1; KFL2 fields take default values (`""`, `0`, …).', ['src.name == ""']],
  ['timestamp > now() - minutes(5)', 'kfl/v1-syntax', '`minutes()` is KFL v1; KFL2 uses `duration("…")`.', ['timestamp > now() - duration("5m")']],
  ['timestamp > now() - days(2)', 'kfl/v1-syntax', '`days()` is KFL v1; KFL2 uses `duration("…")`.', ['timestamp > now() - duration("48h")']],
]);

table('§11.7 literal checks', [
  ['path.matches("^/api/v\\d+")', 'kfl/bad-escape', '`\\d` is not a valid escape in a string. Write `\\\\d`, or use a raw string `r"…"`.', ['path.matches(r"^/api/v\\d+")', 'path.matches("^/api/v\\\\d+")']],
  ['path.matches("(?<=/api)/users")', 'kfl/invalid-regex', 'RE2 does not support look-behind `(?<=`.', []],
  ['path.matches("(a)\\\\1")', 'kfl/invalid-regex', 'RE2 does not support back-references.', []],
  ['path.matches("[a-")', 'kfl/invalid-regex', 'Invalid regular expression: missing `]`.', []],
  ['timestamp > now() - duration("1d")', 'kfl/invalid-duration', 'Unknown unit `d`; durations use h, m, s, ms, us, ns. Did you mean `duration("24h")`?', ['timestamp > now() - duration("24h")']],
  ['timestamp > timestamp("2026-03-14 17:00")', 'kfl/invalid-timestamp', 'Not RFC 3339; expected `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, e.g. `2026-03-14T17:00:00Z`.', []],
  ['request.headers["Authorization"] == "x"', 'kfl/header-case', 'Header keys are lower-case; `"Authorization"` may never match. Use `"authorization"`.', ['request.headers["authorization"] == "x"']],
  ['request.headers["Authorization"] == "x"', 'kfl/unsafe-index', 'Indexing a map errors when the key is missing; use `map_get(request.headers, "authorization", "")` or guard with `"authorization" in request.headers`.', [
    'map_get(request.headers, "authorization", "") == "x"',
    '"authorization" in request.headers && request.headers["Authorization"] == "x"',
  ]],
]);

table('§10 unconfirmed semantics', [
  ['kafka && kafka_api_key == 0', 'kfl/unconfirmed', 'Numbering of kafka_api_key on the Hub is unconfirmed; prefer kafka_api_key_name == "PRODUCE".', ['kafka && kafka_api_key_name == "PRODUCE"']],
  ['kafka && kafka_api_key == 1', 'kfl/unconfirmed', 'Numbering of kafka_api_key on the Hub is unconfirmed; prefer kafka_api_key_name == "PRODUCE".', ['kafka && kafka_api_key_name == "FETCH"']],
  ['http && grpc_status != 0', 'kfl/unconfirmed', 'grpc_status on non-gRPC entries is unconfirmed (−1 or 0); add `grpc &&`.', ['http && grpc && grpc_status != 0']],
  ['has(request.headers.authorization)', 'kfl/unconfirmed', '`has()` is standard CEL, but its support on the Hub is unconfirmed; prefer `"key" in map`.', []],
  ['int("5") == 5', 'kfl/unconfirmed', '`int()` is not in the documented KFL2 function set; it works locally but is unconfirmed on the Hub.', []],
]);

describe('severities and titles', () => {
  it('has() and conversions are infos; kafka/grpc numbering is a warning', () => {
    assert.equal(only('has(request.headers.authorization)', 'kfl/unconfirmed').diagnostic.severity, 'info');
    assert.equal(only('string(1) == "1"', 'kfl/unconfirmed').diagnostic.severity, 'info');
    assert.equal(only('grpc_status != 0', 'kfl/unconfirmed').diagnostic.severity, 'warning');
  });

  it('the Unix-ms fix shows the instant in local time in its title', () => {
    const { diagnostic } = only('timestamp > 1773507600000', 'kfl/type-mismatch', 'Asia/Kolkata');
    assert.match(diagnostic.fixes[0].title, /2026-03-14 22:30:00 IST \(17:00:00 UTC\)/);
  });

  it('the datetime() fix reads the v1 value in the editor zone and says so', () => {
    const filter = 'timestamp > datetime("3/14/2026, 10:30:00 PM")';
    const { diagnostic, fixed } = only(filter, 'kfl/v1-syntax', 'Asia/Kolkata');
    assert.deepEqual(fixed, ['timestamp > timestamp("2026-03-14T17:00:00Z")']);
    assert.match(diagnostic.fixes[0].title, /Asia\/Kolkata/);
  });

  it('every code has the severity of spec §11', () => {
    const expected: Record<string, string> = { 'kfl/unsafe-index': 'warning', 'kfl/header-case': 'warning', 'kfl/shadow': 'warning', 'kfl/identity-hint': 'info', 'kfl/perf': 'hint', 'kfl/not-bool': 'error' };
    const samples = ['request.headers["X"] == "a"', 'dns_questions.exists(path, path == "a")', 'src.namespace == "a"', 'status_code == 500 && http', 'status_code'];
    for (const d of samples.flatMap((s) => analyze(s).diagnostics)) {
      if (expected[d.code]) assert.equal(d.severity, expected[d.code], d.code);
    }
  });
});
