// The compile contract (kfl/README.md): every error-level diagnostic of analyze rejects the filter
// with the same code; warnings and infos travel with a compiled filter; the closures never throw
// on any record, whatever its shape.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../kfl/analyze';
import { compile } from '../../../kfl/eval/compile';
import { EvalError } from '../../../kfl/eval/values';

// Spec §13 (filters that must be rejected) and a few more error kinds.
const REJECTED = [
  'http and status_code == 500', 'http && response.status == 500', 'status_code == "500"', 'status_code == 500.0',
  'grpc && grpc_status == 0u', 'http && elapsed_time > duration("5s")', '"admin" in path', 'status_code.startsWith("5")',
  'dns_questions.exists(q)', 'path == "/api', 'http && && dns', '(http && dns', 'status_code = 500', 'status_code',
  'path.matches("^/api/v\\d+")', 'path.matches("(?<=/api)/users")', 'timestamp > now() - duration("1d")',
  'timestamp > timestamp("2026-03-14 17:00")', 'http && path.lowerAscii() == "/login"', 'if && http',
];

describe('kfl/eval compile', () => {
  it('rejects exactly the filters analyze reports errors for, with the same diagnostics', () => {
    for (const text of REJECTED) {
      const compiled = compile(text);
      const errors = analyze(text).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0, text);
      assert.ok(!compiled.ok, `${text} should be rejected`);
      assert.deepEqual(compiled.diagnostics.filter((d) => d.severity === 'error'), errors, text);
    }
  });

  it('keeps warnings and infos of an accepted filter', () => {
    const compiled = compile('request.headers["Authorization"] == "x"');
    assert.ok(compiled.ok);
    assert.deepEqual(compiled.diagnostics.map((d) => d.code).sort(), ['kfl/header-case', 'kfl/unsafe-index']);
    assert.ok(compiled.diagnostics.every((d) => d.severity !== 'error'));
  });

  it('reports true, false or the error of each record through evaluate', () => {
    const compiled = compile('request.headers["x"] == "1"');
    assert.ok(compiled.ok);
    assert.equal(compiled.evaluate({ request: { headers: { x: '1' } } }), true);
    assert.equal(compiled.evaluate({ request: { headers: { x: '2' } } }), false);
    const outcome = compiled.evaluate({});
    assert.ok(outcome instanceof EvalError);
    assert.match(outcome.message, /no such key/);
    assert.equal(compiled.predicate({}), false);
  });

  it('an exception out of a record (a throwing getter) is an error for that entry, whatever the filter shape', () => {
    const throwing = (name: string): Record<string, unknown> => Object.defineProperty({ http: true, dns: false }, name, { get: () => { throw new Error('gone'); } });
    for (const [text, field] of [['http && status_code >= 500', 'status_code'], ['http && status_code >= 500', 'http'], ['status_code >= 500 || dns', 'status_code'],
      ['status_code >= 500', 'status_code'], ['dns_questions.exists(q, q == "a")', 'dns_questions']] as const) {
      const compiled = compile(text);
      assert.ok(compiled.ok, text);
      const outcome = compiled.evaluate(throwing(field));
      assert.ok(outcome instanceof EvalError && outcome.message === 'malformed record: gone', `${text} with ${field}`);
      assert.equal(compiled.predicate(throwing(field)), false);
    }
  });

  it('never throws on records of any shape', () => {
    const filters = [
      'http && status_code >= 500 && path.startsWith("/api") && method in ["GET", "POST"]',
      'dns && dns_questions.exists(q, q.endsWith(".local") || q.matches("^[a-z]+$"))',
      'map_get(request.headers, "user-agent", "").startsWith("curl/") || "x" in query_string',
      'src.pod.namespace == "prod" && timestamp > now() - duration("5m") && size(tcp_payload) > 2',
      'request.headers.exists(k, k.size() > 3) && dns_answers.all(a, a != "0.0.0.0")',
      'string(status_code) + path == "" || int(grpc_status) == 1',
    ].map((text) => {
      const compiled = compile(text);
      assert.ok(compiled.ok, text);
      return compiled;
    });
    const anything = fc.anything({ maxDepth: 3, withBigInt: true, withTypedArray: true, withNullPrototype: true, withDate: true, withMap: true });
    const fields = ['http', 'dns', 'status_code', 'path', 'method', 'dns_questions', 'dns_answers', 'request', 'query_string', 'src', 'timestamp', 'tcp_payload', 'grpc_status'];
    const record = fc.dictionary(fc.constantFrom(...fields, '__proto__', 'constructor'), anything);
    fc.assert(fc.property(record, (r) => {
      for (const compiled of filters) {
        const outcome = compiled.evaluate(r);
        assert.ok(typeof outcome === 'boolean' || outcome instanceof EvalError);
        assert.equal(typeof compiled.predicate(r), 'boolean');
      }
    }), { numRuns: 2_000 });
  });
});
