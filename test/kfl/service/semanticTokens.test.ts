// Semantic tokens: what each name is, patterns as regexps, one token per line.
import assert from 'node:assert/strict';
import { semanticTokens } from '../../../kfl/index';

function classify(text: string): string[] {
  return semanticTokens(text).map((t) => `${text.slice(t.start, t.start + t.length)}:${t.type}${t.modifiers.length ? `[${t.modifiers.join(',')}]` : ''}`);
}

describe('semanticTokens', () => {
  it('classifies fields, objects, macros, variables, methods, patterns, literals and comments', () => {
    assert.deepEqual(classify('dns_questions.exists(q, q.matches("^x")) && src.pod.name == "a" // c'), [
      'dns_questions:property[readonly]', 'exists:macro[defaultLibrary]', 'q:parameter[declaration]', 'q:parameter', 'matches:method[defaultLibrary]', '"^x":regexp',
      '&&:operator', 'src:namespace[readonly]', 'pod:namespace[readonly]', 'name:property[readonly]', '==:operator', '"a":string', '// c:comment',
    ]);
  });

  it('functions, keywords, numbers, map keys and unknown names', () => {
    assert.deepEqual(classify('map_get(local_labels, "a", "") != "" || 1 in [2u, 3.0] || true || node.name == nope'), [
      'map_get:function[defaultLibrary]', 'local_labels:property[readonly]', '"a":string', '"":string', '!=:operator', '"":string', '||:operator', '1:number', 'in:keyword', '2u:number', '3.0:number',
      '||:operator', 'true:keyword', '||:operator', 'node:property[readonly]', 'name:property', '==:operator', 'nope:variable',
    ]);
  });

  it('type names used as values are read-only library variables', () => {
    assert.deepEqual(classify('type(path) == string'), ['type:function[defaultLibrary]', 'path:property[readonly]', '==:operator', 'string:variable[readonly,defaultLibrary]']);
  });

  it('marks KFL v1 words as keywords', () => {
    assert.deepEqual(classify('http and not dns'), ['http:property[readonly]', 'and:keyword', 'not:keyword', 'dns:property[readonly]']);
  });

  it('cuts multi-line tokens at line breaks', () => {
    const text = 'path == """a\nbc"""';
    assert.deepEqual(semanticTokens(text).filter((t) => t.type === 'string').map((t) => text.slice(t.start, t.start + t.length)), ['"""a', 'bc"""']);
  });

  it('returns tokens in order, never overlapping', () => {
    const tokens = semanticTokens('http && // one\n dns_questions.exists(q, q == "x") // two');
    for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i].start >= tokens[i - 1].start + tokens[i - 1].length);
  });
});
