// The grammar of spec §3: precedence and associativity per level, every construct, macro
// expansion, spans and ids, error recovery, and the limits.
import assert from 'node:assert/strict';
import { type Expr, childrenOf } from '../../kfl/ast';
import { DiagnosticSink } from '../../kfl/diagnostics';
import { parse } from '../../kfl/syntax/parser';
import { showTree } from './support/tree';

function parsed(text: string): { tree: string; problems: string[]; ast: Expr | undefined; nodeCount: number } {
  const sink = new DiagnosticSink();
  const result = parse(text, sink);
  return { tree: showTree(result.ast), problems: sink.diagnostics.map((d) => `${d.code}@${d.start}`), ast: result.ast, nodeCount: result.nodeCount };
}

function tree(text: string): string {
  const result = parsed(text);
  assert.deepEqual(result.problems, [], `no problems in ${text}`);
  return result.tree;
}

function allNodes(root: Expr): Expr[] {
  return [root, ...childrenOf(root).flatMap(allNodes)];
}

describe('parser', () => {
  describe('precedence, lowest to highest (one level at a time)', () => {
    const cases: [string, string][] = [
      ['a ? b : c', '(a ? b : c)'],
      ['a || b ? c : d', '((a || b) ? c : d)'],
      ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
      ['a || b && c', '(a || (b && c))'],
      ['a && b || c', '((a && b) || c)'],
      ['a && b == c', '(a && (b == c))'],
      ['a == b + c', '(a == (b + c))'],
      ['a in b + c', '(a in (b + c))'],
      ['a + b * c', '(a + (b * c))'],
      ['a * -b', '(a * (-b))'],
      ['-a * b', '((-a) * b)'],
      ['!a.b', '(!a.b)'],
      ['-a[0]', '(-a[0])'],
      ['!f(x).y', '(!f(x).y)'],
    ];
    for (const [text, expected] of cases) it(`${text} → ${expected}`, () => assert.equal(tree(text), expected));
  });

  it('the middle of a conditional is an Or, as in CEL: `a ? b ? c : d : e` needs parentheses', () => {
    assert.equal(tree('a ? (b ? c : d) : e'), '(a ? (b ? c : d) : e)');
    assert.equal(parsed('a ? b ? c : d : e').problems[0], 'kfl/unexpected-token@6');
  });

  describe('associativity', () => {
    it('binary operators are left-associative', () => {
      assert.equal(tree('a - b - c'), '((a - b) - c)');
      assert.equal(tree('a / b % c * d'), '(((a / b) % c) * d)');
      assert.equal(tree('a < b < c'), '((a < b) < c)');
      assert.equal(tree('a == b != c'), '((a == b) != c)');
    });

    it('unary operators repeat and nest', () => {
      assert.equal(tree('!!a'), '(!(!a))');
      assert.equal(tree('--a'), '(-(-a))');
    });

    it('&& and || chains are built balanced (same meaning, shallow tree)', () => {
      assert.equal(tree('a && b && c && d'), '((a && b) && (c && d))');
      assert.equal(tree('a || b || c'), '((a || b) || c)');
      const long = parsed(Array.from({ length: 4096 }, (_, i) => `f${i}`).join(' || '));
      assert.deepEqual(long.problems, []);
      const height = (node: Expr): number => 1 + Math.max(0, ...childrenOf(node).map(height));
      assert.equal(height(long.ast!), 13);
    });
  });

  describe('constructs', () => {
    const cases: [string, string][] = [
      ['a.b.c', 'a.b.c'],
      ['src.namespace', 'src.namespace'],
      ['a["k"][0]', 'a["k"][0]'],
      ['f()', 'f()'],
      ['f(a, b)', 'f(a, b)'],
      ['a.f(b).g()', 'a.f(b).g()'],
      ['[]', '[]'],
      ['[1, 2,]', '[1, 2]'],
      ['{}', '{}'],
      ['{"a": 1, 2: b,}', '{"a": 1, 2: b}'],
      ['(a)', 'a'],
      ['((a || b))', '(a || b)'],
      ['-9223372036854775808', '-9223372036854775808'],
      ['- 9223372036854775808', '-9223372036854775808'],
      ['--9223372036854775808', '(--9223372036854775808)'],
      ['b"\\x00"', 'b[0]'],
      ['1.5 + .5', '(1.5 + 0.5)'],
      ['true != false', '(true != false)'],
      ['null', 'null'],
    ];
    for (const [text, expected] of cases) it(`${text} → ${expected}`, () => assert.equal(tree(text), expected));
  });

  describe('macros', () => {
    it('expands the comprehension macros with a plain variable', () => {
      assert.equal(tree('l.exists(x, x > 1)'), 'l.exists<x>((x > 1))');
      assert.equal(tree('l.all(x, p)'), 'l.all<x>(p)');
      assert.equal(tree('l.exists_one(x, p)'), 'l.exists_one<x>(p)');
      assert.equal(tree('l.filter(x, p)'), 'l.filter<x>(p)');
      assert.equal(tree('l.map(x, x + 1)'), 'l.map<x>((x + 1))');
      assert.equal(tree('l.map(x, x > 0, x + 1)'), 'l.map<x>((x > 0), (x + 1))');
    });

    it('expands has() on a field selection', () => {
      assert.equal(tree('has(a.b)'), 'has(a.b)');
    });

    it('keeps a malformed macro as a call, for the checker to explain', () => {
      assert.equal(tree('l.exists(x)'), 'l.exists(x)');
      assert.equal(tree('l.exists("x", p)'), 'l.exists("x", p)');
      assert.equal(tree('l.map(x, a, b, c)'), 'l.map(x, a, b, c)');
      assert.equal(tree('exists(l, x, p)'), 'exists(l, x, p)');
      assert.equal(tree('has(a)'), 'has(a)');
      assert.equal(tree('a.has(b.c)'), 'a.has(b.c)');
    });
  });

  describe('spans and ids', () => {
    it('gives every node an id below nodeCount, unique, and a span inside its parent', () => {
      const { ast, nodeCount } = parsed('http && (status_code == 500 || dst.service.name in ["a", "b"]) && x.exists(y, y.startsWith("z"))');
      const nodes = allNodes(ast!);
      assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length);
      assert.ok(nodes.every((n) => n.id >= 0 && n.id < nodeCount));
      const check = (node: Expr): void => {
        for (const child of childrenOf(node)) {
          assert.ok(node.start <= child.start && child.end <= node.end, `${showTree(child)} inside ${showTree(node)}`);
          check(child);
        }
      };
      check(ast!);
    });

    it('a compound node spans from its first token (parentheses included) to its last', () => {
      const text = '(a || b) && c';
      const { ast } = parsed(text);
      assert.deepEqual([ast!.start, ast!.end], [0, text.length]);
      assert.equal(ast!.kind === 'binary' && text.slice(ast!.left.start, ast!.left.end), 'a || b');
    });

    it('records the member name, the call parentheses and the operator', () => {
      const text = 'a.f(b) == c';
      const { ast } = parsed(text);
      assert.ok(ast?.kind === 'binary');
      assert.deepEqual(ast.opSpan, { start: 7, end: 9 });
      assert.ok(ast.left.kind === 'call');
      assert.deepEqual([ast.left.function, ast.left.open, ast.left.close], [{ name: 'f', start: 2, end: 3 }, 3, 5]);
    });
  });

  describe('recovery: it never throws and keeps parsing', () => {
    const cases: [string, string, string[]][] = [
      ['http && && dns', '((http && <missing>) && dns)', ['kfl/unexpected-token@8']],
      ['http dns', '<error http ; dns>', ['kfl/unexpected-token@5']],
      ['status_code == 500)', '(status_code == 500)', ['kfl/unbalanced@18']],
      ['a ) && b', '(a && b)', ['kfl/unbalanced@2']],
      ['(http && dns', '(http && dns)', ['kfl/unbalanced@0']],
      ['http && !', '(http && (!<missing>))', ['kfl/unexpected-end@9']],
      ['f(a b)', 'f(a, b)', ['kfl/unexpected-token@4']],
      ['f(a,)', 'f(a, <missing>)', ['kfl/unexpected-token@4']],
      ['[1 2]', '[1, 2]', ['kfl/unexpected-token@3']],
      ['{"a" 1}', '{"a": <missing>, 1: <missing>}', ['kfl/unexpected-token@5', 'kfl/unexpected-token@6']],
      ['f(a]', 'f(a)', ['kfl/unbalanced@1', 'kfl/unbalanced@3']],
      ['a ? b', '(a ? b : <missing>)', ['kfl/unexpected-end@5']],
      ['src.', 'src.', ['kfl/unexpected-end@4']],
      ['src.5 == 1', '<error src ; (0.5 == 1)>', ['kfl/unexpected-token@3']],
      ['if && x', '(if && x)', ['kfl/reserved-word@0']],
      ['.a.b', 'a.b', ['kfl/unexpected-token@0']],
      ['Msg{f: 1}', '<error Msg ; {f: 1}>', ['kfl/unexpected-token@3']],
      ['a.`b`', 'a.b', ['kfl/unexpected-token@2']],
      ['9223372036854775808', '0', ['kfl/bad-number@0']],
      ['-9223372036854775809', '(-0)', ['kfl/bad-number@1']],
    ];
    for (const [text, expected, problems] of cases) {
      it(`${text} → ${expected}`, () => {
        const result = parsed(text);
        assert.equal(result.tree, expected);
        assert.deepEqual(result.problems.sort(), problems.sort());
      });
    }
  });

  describe('KFL v1 operators are reported and read as KFL2', () => {
    const cases: [string, string][] = [
      ['http and dns', '(http && dns)'],
      ['http or dns', '(http || dns)'],
      ['not http', '(!http)'],
      ['not not http', '(!(!http))'],
      ['path contains "/api"', 'path.contains("/api")'],
      ['a + b startsWith "x"', '(a + b).startsWith("x")'],
    ];
    for (const [text, expected] of cases) {
      it(`${text} → ${expected}`, () => {
        const result = parsed(text);
        assert.equal(result.tree, expected);
        assert.ok(result.problems.length > 0 && result.problems.every((p) => p.startsWith('kfl/v1-syntax')));
      });
    }

    it('leaves `and`, `not`, `contains` alone where they are names', () => {
      assert.equal(tree('and == 1'), '(and == 1)');
      assert.equal(tree('not'), 'not');
      assert.equal(tree('path.contains("x")'), 'path.contains("x")');
    });
  });

  describe('limits (spec §3)', () => {
    const limitOf = (text: string): string[] => parsed(text).problems.filter((p) => p.startsWith('kfl/limits'));

    it('rejects text over 64 KiB without parsing it, pointing past the limit', () => {
      const text = `http && path == "${'a'.repeat(65536)}"`;
      const result = parsed(text);
      assert.deepEqual(result.problems, ['kfl/limits@65536']);
      assert.equal(result.ast, undefined);
    });

    it('counts UTF-8 bytes', () => {
      assert.deepEqual(limitOf(`"${'é'.repeat(32767)}"`), []);
      assert.deepEqual(limitOf(`"${'é'.repeat(32768)}"`).length, 1);
    });

    it('nesting deeper than 100 levels: parentheses, unary operators, member chains, arithmetic chains', () => {
      assert.deepEqual(limitOf(`${'('.repeat(99)}a${')'.repeat(99)}`), []);
      for (const deep of [`${'('.repeat(101)}a${')'.repeat(101)}`, `${'!'.repeat(101)}a`, `a${'.b'.repeat(101)}`, Array.from({ length: 102 }, () => 'a').join(' + '), `${'['.repeat(101)}${']'.repeat(101)}`]) {
        assert.equal(limitOf(deep).length, 1, deep.slice(0, 20));
      }
    });

    it('more than 10,000 nodes', () => {
      assert.deepEqual(limitOf(`[${Array.from({ length: 9990 }, () => '1').join(',')}]`), []);
      assert.equal(limitOf(`[${Array.from({ length: 10001 }, () => '1').join(',')}]`).length, 1);
    });

    it('stays linear on pathological input (work counted, not timed)', () => {
      for (const text of [')'.repeat(20000), ','.repeat(20000), 'a '.repeat(20000), '('.repeat(50) + ' '.repeat(60000), '"'.repeat(20000)]) {
        const sink = new DiagnosticSink();
        const result = parse(text, sink);
        assert.ok(result.work <= 20 * result.tokens.length + 100, `work ${result.work} for ${result.tokens.length} tokens`);
      }
    });
  });
});
