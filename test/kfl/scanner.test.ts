// Every token form of spec §2 and every scanner error, with the decoded literal values.
import assert from 'node:assert/strict';
import { type LiteralValue } from '../../kfl/ast';
import { DiagnosticSink } from '../../kfl/diagnostics';
import { scan } from '../../kfl/syntax/scanner';

function tokens(text: string): { kinds: string[]; texts: string[]; values: (LiteralValue | undefined)[]; problems: string[] } {
  const sink = new DiagnosticSink();
  const result = scan(text, sink);
  const real = result.tokens.filter((t) => t.kind !== 'eof');
  return {
    kinds: real.map((t) => t.kind),
    texts: real.map((t) => text.slice(t.start, t.end)),
    values: real.map((t) => t.value),
    problems: sink.diagnostics.map((d) => `${d.code}@${d.start}-${d.end}`),
  };
}

function single(text: string): LiteralValue {
  const result = tokens(text);
  assert.deepEqual(result.problems, [], `no problems in ${text}`);
  assert.equal(result.values.length, 1, `one token in ${text}`);
  return result.values[0]!;
}

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

describe('scanner', () => {
  describe('whitespace and comments', () => {
    it('skips space, tab, CR, LF and form feed', () => {
      assert.deepEqual(tokens(' \t\r\n\fhttp\f').kinds, ['ident']);
    });

    it('reads `//` comments up to the line break, in any position', () => {
      const sink = new DiagnosticSink();
      const result = scan('http // one\r\n&& dns// two', sink);
      assert.deepEqual(result.tokens.map((t) => t.kind), ['ident', '&&', 'ident', 'eof']);
      assert.deepEqual(result.comments, [{ start: 5, end: 11 }, { start: 19, end: 25 }]);
    });

    it('a lone `/` is division', () => {
      assert.deepEqual(tokens('a / b').kinds, ['ident', '/', 'ident']);
    });
  });

  describe('names and keywords', () => {
    it('reads identifiers, with reserved words as identifiers (the parser rejects them)', () => {
      assert.deepEqual(tokens('_a1 Status_code if namespace').kinds, ['ident', 'ident', 'ident', 'ident']);
    });

    it('reads true, false, null and in as their own tokens', () => {
      assert.deepEqual(tokens('true false null in inx').kinds, ['true', 'false', 'null', 'in', 'ident']);
    });

    it('reads a backtick-quoted name as one token', () => {
      assert.deepEqual(tokens('a.`b-c`').kinds, ['ident', '.', 'quoted-ident']);
    });
  });

  describe('numbers', () => {
    it('reads decimal and hex ints as bigint', () => {
      assert.deepEqual(single('123'), { type: 'int', value: 123n });
      assert.deepEqual(single('0x1F'), { type: 'int', value: 31n });
      assert.deepEqual(single('0X1f'), { type: 'int', value: 31n });
      assert.deepEqual(single('9223372036854775807'), { type: 'int', value: 9223372036854775807n });
    });

    it('reads uints with u or U', () => {
      assert.deepEqual(single('123u'), { type: 'uint', value: 123n });
      assert.deepEqual(single('0x1FU'), { type: 'uint', value: 31n });
      assert.deepEqual(single('18446744073709551615u'), { type: 'uint', value: 18446744073709551615n });
    });

    it('reads doubles: fraction, leading dot, exponent with and without sign', () => {
      assert.deepEqual(single('1.5'), { type: 'double', value: 1.5 });
      assert.deepEqual(single('.5'), { type: 'double', value: 0.5 });
      assert.deepEqual(single('1e6'), { type: 'double', value: 1e6 });
      assert.deepEqual(single('2.5E-3'), { type: 'double', value: 0.0025 });
      assert.deepEqual(single('1.0e+9'), { type: 'double', value: 1e9 });
    });

    it('`1.` is an int followed by `.`; `1.5u` is a double followed by a name', () => {
      assert.deepEqual(tokens('1.size()').kinds, ['int', '.', 'ident', '(', ')']);
      assert.deepEqual(tokens('1.5u').kinds, ['double', 'ident']);
    });

    it('reports `0x` without digits, `1e` without exponent digits, out-of-range uint and double', () => {
      assert.deepEqual(tokens('0x').problems, ['kfl/bad-number@0-2']);
      assert.deepEqual(tokens('1e').problems, ['kfl/bad-number@0-2']);
      assert.deepEqual(tokens('1e+').problems, ['kfl/bad-number@0-3']);
      assert.deepEqual(tokens('18446744073709551616u').problems, ['kfl/bad-number@0-21']);
      assert.deepEqual(tokens('1e999').problems, ['kfl/bad-number@0-5']);
    });

    it('leaves int range to the parser (it knows about negation)', () => {
      assert.deepEqual(tokens('9223372036854775808').problems, []);
    });
  });

  describe('strings and bytes', () => {
    it('reads every quote form', () => {
      assert.deepEqual(single('"a\'b"'), { type: 'string', value: "a'b" });
      assert.deepEqual(single("'a\"b'"), { type: 'string', value: 'a"b' });
      assert.deepEqual(single('"""two\nlines "quoted" """'), { type: 'string', value: 'two\nlines "quoted" ' });
      assert.deepEqual(single("'''two\nlines'''"), { type: 'string', value: 'two\nlines' });
      assert.deepEqual(single('""'), { type: 'string', value: '' });
    });

    it('raw strings keep backslashes in every prefix case and quote form', () => {
      for (const text of ['r"\\d+"', "R'\\d+'", 'r"""\\d+"""', "R'''\\d+'''"]) assert.deepEqual(single(text), { type: 'string', value: '\\d+' }, text);
    });

    it('raw strings end at the first closing quote', () => {
      assert.deepEqual(tokens('r"a\\" == "b"').kinds, ['string', '==', 'string']);
    });

    it('bytes in every prefix form, text as UTF-8 and escapes as octets', () => {
      for (const text of ['b"é\\xff\\101"', "B'é\\xff\\101'", 'b"""é\\xff\\101"""']) assert.deepEqual(single(text), { type: 'bytes', value: Uint8Array.from([...utf8('é'), 0xff, 0x41]) }, text);
      for (const text of ['br"\\x"', 'bR"\\x"', 'Br"\\x"', 'rb"\\x"', 'RB"\\x"']) assert.deepEqual(single(text), { type: 'bytes', value: Uint8Array.from(utf8('\\x')) }, text);
    });

    it('decodes every escape of spec §2', () => {
      const value = single('"\\\\ \\? \\" \\\' \\` \\a \\b \\f \\n \\r \\t \\v \\x41 \\X42 \\u00e9 \\U0001F600 \\101 \\000 \\377"');
      assert.deepEqual(value, { type: 'string', value: '\\ ? " \' ` \x07 \b \f \n \r \t \v A B é 😀 A \0 ÿ' });
    });

    it('reports bad escapes with their range and keeps them verbatim', () => {
      const cases: [string, string, string][] = [
        ['"\\d"', 'kfl/bad-escape@1-3', '\\d'],
        ['"\\x4"', 'kfl/bad-escape@1-4', '\\x4'],
        ['"\\u12"', 'kfl/bad-escape@1-5', '\\u12'],
        ['"\\uD800"', 'kfl/bad-escape@1-7', '\\uD800'],
        ['"\\U00110000"', 'kfl/bad-escape@1-11', '\\U00110000'],
        ['"\\400"', 'kfl/bad-escape@1-5', '\\400'],
        ['"\\12"', 'kfl/bad-escape@1-4', '\\12'],
      ];
      for (const [text, problem, kept] of cases) {
        const result = tokens(text);
        assert.deepEqual(result.problems, [problem], text);
        assert.equal((result.values[0] as { value: string }).value, kept, text);
      }
    });

    it('rejects \\u and \\U in bytes', () => {
      assert.deepEqual(tokens('b"\\u00e9"').problems, ['kfl/bad-escape@2-8']);
      assert.deepEqual(tokens('b"\\U0001F600"').problems, ['kfl/bad-escape@2-12']);
    });

    it('reports an unterminated string up to the end of the line, and keeps scanning the next line', () => {
      const result = tokens('path == "/api\n&& dns');
      assert.deepEqual(result.problems, ['kfl/unterminated-string@8-13']);
      assert.deepEqual(result.kinds, ['ident', '==', 'string', '&&', 'ident']);
    });

    it('an escape before the line break does not carry a string to the next line', () => {
      const result = tokens('"a\\\nx"');
      assert.deepEqual(result.kinds, ['string', 'ident', 'string']);
      assert.deepEqual(result.problems, ['kfl/unterminated-string@0-3', 'kfl/bad-escape@2-3', 'kfl/unterminated-string@5-6']);
    });

    it('an unterminated triple-quoted string runs to the end of the input', () => {
      assert.deepEqual(tokens('"""a\nb').problems, ['kfl/unterminated-string@0-6']);
    });

    it('flags a closing quote of the other kind', () => {
      const sink = new DiagnosticSink();
      scan('\'GET"', sink);
      assert.equal(sink.diagnostics[0].args.mismatched, 1);
    });
  });

  describe('operators and invalid characters', () => {
    it('reads every operator and punctuation', () => {
      const all = '( ) [ ] { } . , : ? == != < <= > >= && || ! + - * / %';
      assert.deepEqual(tokens(all).kinds, all.split(' '));
    });

    it('prefers the longest operator', () => {
      assert.deepEqual(tokens('a<=b!=c').kinds, ['ident', '<=', 'ident', '!=', 'ident']);
    });

    it('reads `=`, `&`, `|` as the operator meant, after reporting them', () => {
      for (const [text, kind] of [['a = b', '=='], ['a & b', '&&'], ['a | b', '||']]) {
        const result = tokens(text);
        assert.deepEqual(result.kinds, ['ident', kind, 'ident']);
        assert.deepEqual(result.problems, ['kfl/invalid-char@2-3']);
      }
    });

    it('reports a run of characters that start no token once, and skips it', () => {
      const result = tokens('http ;#@ dns \u00a0é 😀');
      assert.deepEqual(result.kinds, ['ident', 'ident']);
      assert.deepEqual(result.problems, ['kfl/invalid-char@5-8', 'kfl/invalid-char@13-15', 'kfl/invalid-char@16-18']);
    });
  });
});
