// Formatting: canonical spacing, comments and line breaks kept, idempotent, never drops text.
import assert from 'node:assert/strict';
import { analyze, format } from '../../../kfl/index';
import { showTree } from '../support/tree';

describe('format', () => {
  const cases: [string, string][] = [
    ['http&&status_code>=500', 'http && status_code >= 500'],
    ['  http   &&   dns  ', 'http && dns'],
    ['method in [ "GET" ,"POST" , ]', 'method in ["GET", "POST",]'],
    ['map_get( request.headers , "a" , "" )=="b"', 'map_get(request.headers, "a", "") == "b"'],
    ['{ "a":1,"b" : 2 }.size()>0', '{"a": 1, "b": 2}.size() > 0'],
    ['http?status_code>=500:(dns&&status_code!=0)', 'http ? status_code >= 500 : (dns && status_code != 0)'],
    ['{"a": http ? 1 : 2}["a"] == 1', '{"a": http ? 1 : 2}["a"] == 1'],
    ['a - -b > -1 && ! x && !!y', 'a - -b > -1 && !x && !!y'],
    ['dns_questions . exists( q , q . endsWith( ".local" ) )', 'dns_questions.exists(q, q.endsWith(".local"))'],
    ['src.port<1024&&dst.port>=30000', 'src.port < 1024 && dst.port >= 30000'],
    ['x[ 0 ][ "k" ] == 1 % 2', 'x[0]["k"] == 1 % 2'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(format(input), expected));

  it('keeps comments and line breaks, indents continuation lines, at most one blank line', () => {
    const input = '  // 5xx towards payments\nhttp\n&& dst.service.name=="payment-service"   // the service\n\n\n\n&& (status_code==502||\nstatus_code==503\n)\n';
    const expected = '// 5xx towards payments\nhttp\n  && dst.service.name == "payment-service" // the service\n\n  && (status_code == 502 ||\n    status_code == 503\n  )\n';
    assert.equal(format(input), expected);
  });

  it('leaves a filter with syntax errors (or KFL v1 words) exactly as it is', () => {
    for (const text of ['http &&  @ dns', 'path == "/api', '(http && dns', 'http  and dns', 'http dns']) assert.equal(format(text), text);
  });

  it('formats a filter with type errors (the text is valid syntax)', () => {
    assert.equal(format('status_code=="500"'), 'status_code == "500"');
  });

  it('is idempotent and keeps the tree, on every spec example shape', () => {
    const samples = [
      'http && (status_code == 502 || status_code == 503 || status_code == 504)',
      'dns_questions.map(q, size(q)).exists(n, n > 60)',
      'timestamp >= timestamp("2026-03-14T17:00:00Z") && timestamp < timestamp("2026-03-14T18:00:00Z")',
      "r'''raw\n  text''' == \"x\" // c",
      'a ? (b ? c : d) : e',
      '[[1, 2], [3]].exists(l, l.exists(x, -x < -2))',
    ];
    for (const text of samples) {
      const once = format(text);
      assert.equal(format(once), once, text);
      assert.equal(showTree(analyze(once).ast), showTree(analyze(text).ast), text);
    }
  });
});
