// The engine's fast paths against its general path. Each pair is one expression in a shape the
// engine fuses (a field or macro variable tested against constants, a flag guarding the filter, a
// chain answering the predicate directly) and the same expression written so that no fast path
// applies (`+ 0`, `+ ""`, a detour through a list literal). Over hostile random records both must
// give the same value, the same error-ness, and the same predicate.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compile, evaluateExpression } from '../../../kfl/eval/compile';
import { valuesEqual } from '../../../kfl/eval/equality';
import { EvalError, type Result, type Value } from '../../../kfl/eval/values';

const PAIRS: readonly (readonly [fused: string, general: string])[] = [
  ...['==', '!=', '<', '<=', '>', '>='].flatMap((op) => [
    [`status_code ${op} 500`, `status_code + 0 ${op} 500`],
    [`method ${op} "POST"`, `method + "" ${op} "POST"`],
  ] as const),
  ['http == true', '!!http == true'],
  ['http != false', '!!http != false'],
  ['path.startsWith("/api")', '(path + "").startsWith("/api")'],
  ['path.endsWith("/orders")', '(path + "").endsWith("/orders")'],
  ['path.contains("v1")', '(path + "").contains("v1")'],
  ['path.contains("")', '(path + "").contains("")'],
  ['path.matches("^/api/v[0-9]+/")', '(path + "").matches("^/api/v[0-9]+/")'],
  ['matches(path, "orders$")', 'matches(path + "", "orders$")'],
  ['!path.startsWith("/api")', '!(path + "").startsWith("/api")'],
  ['method in ["GET", "POST", ""]', 'method + "" in ["GET", "POST", ""]'],
  ['status_code in [0, 500, 502]', 'status_code + 0 in [0, 500, 502]'],
  ['http in [true]', '!!http in [true]'],
  ['"TXT" in dns_question_types', '"TXT" in dns_question_types + []'],
  ['"" in dns_question_types', '"" in dns_question_types + []'],
  ['"user-agent" in request.headers', '"user-agent" in [request.headers][0]'],
  ['map_get(request.headers, "user-agent", "none")', 'map_get([request.headers][0], "user-agent", "none")'],
  ['map_get(request.headers, "user-agent", "").startsWith("curl/")', 'map_get([request.headers][0], "user-agent", "").startsWith("curl/")'],
  ['map_get(request.headers, "x", "none") == "none"', 'map_get([request.headers][0], "x", "none") == "none"'],
  ['map_get(request.headers, "x", "a") in ["a", ""]', 'map_get([request.headers][0], "x", "a") in ["a", ""]'],
  ['!map_get(request.headers, "x-debug", "").contains("1")', '!map_get([request.headers][0], "x-debug", "").contains("1")'],
  ['dns_questions.exists(q, q.endsWith(".local"))', 'dns_questions.exists(q, (q + "").endsWith(".local"))'],
  ['dns_questions.all(q, q != "")', 'dns_questions.all(q, q + "" != "")'],
  ['dns_questions.exists_one(q, q.contains("a"))', 'dns_questions.exists_one(q, (q + "").contains("a"))'],
  ['dns_questions.filter(q, q in ["a", ""])', 'dns_questions.filter(q, q + "" in ["a", ""])'],
  ['request.headers.exists(k, k.startsWith("x-"))', 'request.headers.exists(k, (k + "").startsWith("x-"))'],
  ['["a", "b.local"].exists(q, q.endsWith(".local"))', '["a", "b.local"].exists(q, (q + "").endsWith(".local"))'],
  ['http && status_code >= 500', '(http == true) && status_code >= 500'],
  ['http && request.headers["x"] == "1"', '(http == true) && request.headers["x"] == "1"'],
  ['dns && grpc', '(dns == true) && grpc'],
  ['http && dyn(status_code)', '(http == true) && dyn(status_code)'],
  ['http || request.headers["x"] == "1"', '(http || request.headers["x"] == "1") == true'],
  ['request.headers["x"] == "1" || dns', '(request.headers["x"] == "1" || dns) == true'],
  ['request.headers["x"] == "1" && dns', '(request.headers["x"] == "1" && dns) == true'],
];

type Normal = Value | 'error';
const normal = (result: Result): Normal => (result instanceof EvalError ? 'error' : result);

function same(a: Normal, b: Normal): boolean {
  return a === 'error' || b === 'error' ? a === b : valuesEqual(a, b);
}

describe('kfl/eval fast paths agree with the general path', () => {
  const anything = fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true });
  const text = fc.constantFrom('', '/api/v1/orders', 'POST', 'GET', 'a', 'b.local', 'x-debug', '😀', 'TXT');
  // Mostly the values the fast paths branch on, some of anything; containers mostly well-formed.
  const edge = fc.constantFrom(undefined, null, true, false, 0, 500, 502, -0, 2 ** 53, 10n ** 20n, NaN);
  const value = fc.oneof({ arbitrary: edge, weight: 3 }, { arbitrary: text, weight: 3 }, { arbitrary: anything, weight: 1 });
  const list = fc.array(value, { maxLength: 4 });
  const map = fc.dictionary(fc.constantFrom('user-agent', 'x', 'x-debug', '__proto__', 'constructor'), value, { maxKeys: 3 });
  const record = fc.record({
    http: value, dns: value, grpc: value, status_code: value, method: value, path: value,
    dns_questions: fc.oneof({ arbitrary: list, weight: 3 }, value), dns_question_types: fc.oneof({ arbitrary: list, weight: 3 }, value),
    request: fc.oneof({ arbitrary: fc.record({ headers: fc.oneof({ arbitrary: map, weight: 3 }, value) }), weight: 3 }, value),
  }, { requiredKeys: [] });

  for (const [fused, general] of PAIRS) {
    it(`${fused}  ≡  ${general}`, () => {
      const fast = compile(fused);
      const slow = compile(general);
      assert.equal(fast.ok, slow.ok, `${fused} / ${general}: both filters or both expressions`);
      fc.assert(fc.property(record, (r) => {
        const a = evaluateExpression(fused, r);
        const b = evaluateExpression(general, r);
        assert.ok(a.ok && b.ok, `${fused} / ${general} should check`);
        assert.ok(same(normal(a.value), normal(b.value)), `value: ${String(normal(a.value))} vs ${String(normal(b.value))}`);
        if (!fast.ok || !slow.ok) return;
        assert.equal(normal(fast.evaluate(r)), normal(slow.evaluate(r)));
        assert.equal(fast.predicate(r), slow.predicate(r));
      }), { seed: 0x6b666c, numRuns: 1000 });
    });
  }
});
