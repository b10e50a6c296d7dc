// Comprehension macros over lists (per element) and maps (per key), with CEL's error rules and
// the evaluation budget that bounds nested macros.
import * as assert from 'node:assert/strict';
import { compile, type KflRecord } from '../../../kfl/eval/compile';
import { EvalError } from '../../../kfl/eval/values';
import { expectAll } from './support';

const record = {
  dns_questions: ['api.svc.cluster.local', 'example.com', 'xn--80ak6aa92e.com'],
  dns_answers: ['10.0.0.1', '10.0.0.2'],
  request: { headers: { 'x-debug-id': '1', accept: '*/*' } },
};

describe('kfl/eval macros', () => {
  it('exists, all and exists_one over list elements', () => {
    expectAll([
      ['dns_questions.exists(q, q.endsWith(".svc.cluster.local"))', true],
      ['dns_questions.exists(q, q == "nope")', false],
      ['dns_answers.all(a, a != "0.0.0.0")', true],
      ['dns_answers.all(a, a == "10.0.0.1")', false],
      ['dns_questions.exists_one(q, q.endsWith(".com"))', false],
      ['dns_questions.exists_one(q, q.startsWith("xn--"))', true],
      ['[].exists(x, x == 1)', false],
      ['[].all(x, x == 1)', true],
    ], record);
  });

  it('iterate map keys', () => {
    expectAll([
      ['request.headers.exists(k, k.startsWith("x-debug"))', true],
      ['request.headers.all(k, k.size() > 3)', true],
      ['request.headers.exists_one(k, k == "accept")', true],
      ['size(request.headers.filter(k, k.startsWith("x-"))) == 1', true],
    ], record);
  });

  it('map and filter build lists', () => {
    expectAll([
      ['size(dns_questions.filter(q, q.contains("xn--"))) > 0', true],
      ['dns_questions.map(q, size(q)).exists(n, n > 20)', true],
      ['dns_answers.map(a, a + "!") == ["10.0.0.1!", "10.0.0.2!"]', true],
      ['dns_answers.map(a, a.endsWith("2"), a) == ["10.0.0.2"]', true],
      ['[1, 2, 3].filter(x, x % 2 == 1) == [1, 3]', true],
      ['[1, 2, 3].map(x, x * 2) == [2, 4, 6]', true],
    ], record);
  });

  it('exists absorbs an error when another element decides, all likewise', () => {
    // 1 / (x - 2) errors for x == 2 only.
    expectAll([
      ['[1, 2, 3].exists(x, 1 / (x - 2) == 1)', true],
      ['[2, 1].exists(x, 1 / (x - 2) == 1)', 'error'],
      ['[2, 1].exists(x, 1 / (x - 2) == -1)', true],
      ['[1, 2, 3].all(x, 1 / (x - 2) == 5)', false],
      ['[2, 3].all(x, 1 / (x - 2) == 1)', 'error'],
      ['[2, 3].exists_one(x, 1 / (x - 2) == 1)', 'error'],
      ['[2, 3].filter(x, 1 / (x - 2) == 1) == [3]', 'error'],
      ['[2, 3].map(x, 1 / (x - 2)) == [0, 1]', 'error'],
    ]);
  });

  it('nested macros see their own variables', () => {
    expectAll([
      ['dns_answers.exists(a, dns_questions.exists(q, q.size() > a.size()))', true],
      ['[[1, 2], [3]].all(l, l.exists(x, x > 0))', true],
      ['[1, 2].exists(x, [3, 4].exists(x, x == 4))', true],
    ], record);
  });

  it('stops runaway nesting with an evaluation error', () => {
    const compiled = compile('dns_questions.exists(a, dns_questions.exists(b, dns_questions.exists(c, c == "never")))');
    assert.ok(compiled.ok);
    const big = { dns_questions: Array.from({ length: 200 }, (_, i) => `q${i}`) };
    const outcome = compiled.evaluate(big);
    assert.ok(outcome instanceof EvalError && outcome.message.includes('budget'), String(outcome));
    assert.equal(compiled.evaluate({ dns_questions: ['a', 'b'] }), false); // the budget is per evaluation
  });

  it('charges concatenations by the size they produce', () => {
    const compiled = compile('size(dns_questions.map(a, dns_questions + dns_questions)) > 0');
    assert.ok(compiled.ok);
    const list = (n: number): KflRecord => ({ dns_questions: Array.from({ length: n }, (_, i) => `q${i}`) });
    assert.equal(compiled.evaluate(list(100)), true);
    const outcome = compiled.evaluate(list(4000)); // 4000 iterations × 8000 elements
    assert.ok(outcome instanceof EvalError && outcome.message.includes('budget'), String(outcome));
  });
});
