// Reading records: defaults for missing keys, evaluation errors for missing map keys, map_get and
// has, values of the wrong shape, and hostile map keys that JavaScript objects treat specially.
import * as assert from 'node:assert/strict';
import { compile } from '../../../kfl/eval/compile';
import { evaluate, expectAll, schemaWith } from './support';

describe('kfl/eval record access', () => {
  it('substitutes the type default for every missing field', () => {
    expectAll([
      ['status_code == 0', true],
      ['path == ""', true],
      ['!http', true],
      ['tcp_payload == b""', true],
      ['size(dns_questions) == 0', true],
      ['size(request.headers) == 0', true],
      ['src.pod.namespace == ""', true],
      ['dst.port == 0', true],
      ['timestamp == timestamp("1970-01-01T00:00:00Z")', true],
      ['!("x" in query_string)', true],
    ], {});
  });

  it('reads values of the wrong shape as the default, never as something else', () => {
    expectAll([
      ['status_code == 0', true],
      ['path == ""', true],
      ['http == false', true],
      ['size(dns_questions) == 0', true],
      ['src.pod.name == ""', true],
      ['size(request.headers) == 0', true],
      ['elapsed_time == 0', true],
    ], { status_code: '500', path: 42, http: 'yes', dns_questions: 'a.local', src: { pod: 'web-1' }, request: { headers: ['x'] }, elapsed_time: 1.5 });
  });

  it('indexing a map with a missing key is an error; map_get and `in` are safe', () => {
    const record = { request: { headers: { 'user-agent': 'curl/8.5.0' } } };
    expectAll([
      ['request.headers["user-agent"] == "curl/8.5.0"', true],
      ['request.headers["authorization"] == "x"', 'error'],
      ['request.headers.authorization == "x"', 'error'],
      ['map_get(request.headers, "authorization", "none") == "none"', true],
      ['map_get(request.headers, "user-agent", "").startsWith("curl/")', true],
      ['"authorization" in request.headers && request.headers["authorization"] == "x"', false],
      ['has(request.headers.authorization)', false],
      ['has(request.headers.accept) || has(request.headers.host)', false],
    ], record);
    assert.equal(evaluate('has(request.headers.authorization)', { request: { headers: { authorization: 'Bearer' } } }), true);
  });

  it('treats __proto__, constructor and other Object.prototype names as ordinary keys', () => {
    // JSON.parse makes `__proto__` an own key, as captured traffic would.
    const hostile = JSON.parse('{"request": {"headers": {"__proto__": "p", "constructor": "c"}}, "query_string": {"hasOwnProperty": "h"}}') as Record<string, unknown>;
    expectAll([
      ['"__proto__" in request.headers', true],
      ['request.headers["__proto__"] == "p"', true],
      ['request.headers["constructor"] == "c"', true],
      ['map_get(request.headers, "toString", "none") == "none"', true],
      ['"toString" in request.headers', false],
      ['"valueOf" in query_string', false],
      ['query_string["hasOwnProperty"] == "h"', true],
      ['size(request.headers) == 2', true],
      ['request.headers.exists(k, k == "__proto__")', true],
      ['has(query_string.hasOwnProperty)', true],
      ['has(query_string.isPrototypeOf)', false],
    ], hostile);
    expectAll([
      ['"constructor" in request.headers', false],
      ['request.headers["constructor"] == ""', 'error'],
      ['map_get(request.headers, "__proto__", "") == ""', true],
    ], { request: { headers: {} } });
  });

  it('reads Hub-added fields whose names Object.prototype also has as own keys only', () => {
    const schema = schemaWith({ constructor: 'string', toString: 'int', 'meta.valueOf': 'string' });
    expectAll([
      ['constructor == ""', true],
      ['toString == 0', true],
      ['meta.valueOf == ""', true],
    ], {}, schema);
    expectAll([
      ['constructor == "c"', true],
      ['toString == 7', true],
      ['meta.valueOf == "v"', true],
    ], { constructor: 'c', toString: 7, meta: { valueOf: 'v' } }, schema);
  });

  it('has() tests the presence of an object field', () => {
    expectAll([
      ['has(src.pod)', true],
      ['has(src.service)', false],
      ['has(dst.pod)', false],
    ], { src: { pod: { name: 'a' } } });
  });

  it('indexes lists, with out-of-range as an error', () => {
    expectAll([
      ['dns_questions[0] == "a.local"', true],
      ['dns_questions[1] == "b.local"', true],
      ['dns_questions[2] == ""', 'error'],
      ['dns_questions[-1] == ""', 'error'],
    ], { dns_questions: ['a.local', 'b.local'] });
  });

  it('a malformed nested value costs that entry an error, never an exception', () => {
    const compiled = compile('dns_questions.exists(q, q.endsWith(".local"))');
    assert.ok(compiled.ok);
    const outcome = compiled.evaluate({ dns_questions: ['a.local', 42, null] });
    assert.equal(outcome, true);
    const broken = compiled.evaluate({ dns_questions: [42] });
    assert.equal(broken, false); // 42 is read as the string default ""
    assert.equal(compiled.predicate({ dns_questions: [{ toString: () => { throw new Error('boom'); } }] }), false);
  });
});
