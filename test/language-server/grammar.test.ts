// The TextMate grammar (syntaxes/kfl.tmLanguage.json) tokenized by vscode-textmate on Oniguruma,
// the engine VS Code itself uses: every lexical form of spec/kfl.md §2 gets its scope, and what the
// scanner rejects is marked invalid.
import assert from 'node:assert/strict';
import { tokenize } from './support/textmate';

type Expected = [text: string, scope: string][];

async function expectLine(line: string, expected: Expected): Promise<void> {
  const [tokens] = await tokenize(line);
  assert.deepEqual(tokens?.map((t) => [t.text, t.scope]), expected, `tokens of ${line}`);
}

const STR = 'string.quoted.double.kfl';
const BEGIN = 'punctuation.definition.string.begin.kfl';
const END = 'punctuation.definition.string.end.kfl';
const ESC = 'constant.character.escape.kfl';
const BAD_ESC = 'invalid.illegal.escape.kfl';

describe('KFL TextMate grammar', () => {
  it('scopes comments, protocol flags, fields, operators and literals of a typical filter', async () => {
    await expectLine('http && status_code >= 500 // server errors', [
      ['http', 'support.constant.protocol.kfl'],
      ['&&', 'keyword.operator.logical.kfl'],
      ['status_code', 'variable.other.field.kfl'],
      ['>=', 'keyword.operator.comparison.kfl'],
      ['500', 'constant.numeric.integer.decimal.kfl'],
      ['//', 'punctuation.definition.comment.kfl'],
      [' server errors', 'comment.line.double-slash.kfl'],
    ]);
  });

  it('tells member fields, methods and macros apart', async () => {
    await expectLine('dst.service.name.startsWith("pay") || dns_questions.exists(q, q.size() > 60)', [
      ['dst', 'variable.other.field.kfl'],
      ['.', 'punctuation.accessor.kfl'],
      ['service', 'variable.other.property.kfl'],
      ['.', 'punctuation.accessor.kfl'],
      ['name', 'variable.other.property.kfl'],
      ['.', 'punctuation.accessor.kfl'],
      ['startsWith', 'support.function.builtin.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['pay', STR], ['"', END],
      [')', 'punctuation.section.parens.end.kfl'],
      ['||', 'keyword.operator.logical.kfl'],
      ['dns_questions', 'variable.other.field.kfl'],
      ['.', 'punctuation.accessor.kfl'],
      ['exists', 'support.function.macro.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['q', 'variable.other.field.kfl'],
      [',', 'punctuation.separator.comma.kfl'],
      ['q', 'variable.other.field.kfl'],
      ['.', 'punctuation.accessor.kfl'],
      ['size', 'support.function.builtin.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      [')', 'punctuation.section.parens.end.kfl'],
      ['>', 'keyword.operator.comparison.kfl'],
      ['60', 'constant.numeric.integer.decimal.kfl'],
      [')', 'punctuation.section.parens.end.kfl'],
    ]);
  });

  it('treats timestamp( as the function and timestamp alone as the field', async () => {
    await expectLine('timestamp > timestamp("2026-03-14T17:00:00Z") - duration("5m")', [
      ['timestamp', 'variable.other.field.kfl'],
      ['>', 'keyword.operator.comparison.kfl'],
      ['timestamp', 'support.function.builtin.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['2026-03-14T17:00:00Z', STR], ['"', END],
      [')', 'punctuation.section.parens.end.kfl'],
      ['-', 'keyword.operator.arithmetic.kfl'],
      ['duration', 'support.function.builtin.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['5m', STR], ['"', END],
      [')', 'punctuation.section.parens.end.kfl'],
    ]);
    await expectLine('has(request.headers.x) && map_get(query_string, "a", "") == "" && custom(1)', [
      ['has', 'support.function.macro.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['request', 'variable.other.field.kfl'], ['.', 'punctuation.accessor.kfl'],
      ['headers', 'variable.other.property.kfl'], ['.', 'punctuation.accessor.kfl'],
      ['x', 'variable.other.property.kfl'],
      [')', 'punctuation.section.parens.end.kfl'],
      ['&&', 'keyword.operator.logical.kfl'],
      ['map_get', 'support.function.builtin.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['query_string', 'variable.other.field.kfl'], [',', 'punctuation.separator.comma.kfl'],
      ['"', BEGIN], ['a', STR], ['"', END], [',', 'punctuation.separator.comma.kfl'],
      ['"', BEGIN], ['"', END],
      [')', 'punctuation.section.parens.end.kfl'],
      ['==', 'keyword.operator.comparison.kfl'],
      ['"', BEGIN], ['"', END],
      ['&&', 'keyword.operator.logical.kfl'],
      ['custom', 'entity.name.function.kfl'],
      ['(', 'punctuation.section.parens.begin.kfl'],
      ['1', 'constant.numeric.integer.decimal.kfl'],
      [')', 'punctuation.section.parens.end.kfl'],
    ]);
  });

  it('highlights every valid escape and marks invalid ones', async () => {
    await expectLine(String.raw`"\\ \? \" \' \` \a\b\f\n\r\t\v \x41 \X4a \u00e9 \U0001F600 \101"`, [
      ['"', BEGIN],
      ...[String.raw`\\`, String.raw`\?`, String.raw`\"`, String.raw`\'`, '\\`', '\\a', '\\b', '\\f', '\\n', '\\r', '\\t', '\\v',
        '\\x41', '\\X4a', '\\u00e9', '\\U0001F600', '\\101'].map((e): [string, string] => [e, ESC]),
      ['"', END],
    ]);
    await expectLine(String.raw`path.matches("^/api/v\d+") && "\400" != "\u12"`, [
      ['path', 'variable.other.field.kfl'], ['.', 'punctuation.accessor.kfl'],
      ['matches', 'support.function.builtin.kfl'], ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['^/api/v', STR], [String.raw`\d`, BAD_ESC], ['+', STR], ['"', END],
      [')', 'punctuation.section.parens.end.kfl'],
      ['&&', 'keyword.operator.logical.kfl'],
      ['"', BEGIN], ['\\4', BAD_ESC], ['00', STR], ['"', END],
      ['!=', 'keyword.operator.comparison.kfl'],
      ['"', BEGIN], ['\\u', BAD_ESC], ['12', STR], ['"', END],
    ]);
  });

  it('scopes single-quoted, raw, bytes and raw-bytes strings; bytes reject \\u', async () => {
    await expectLine(String.raw`'a\'b' r"\d+" R'\w' b"\xff\u0041" B'\101' br"\n"`, [
      ["'", BEGIN], ['a', 'string.quoted.single.kfl'], ["\\'", ESC], ['b', 'string.quoted.single.kfl'], ["'", END],
      ['r', 'storage.type.string.kfl'], ['"', BEGIN], [String.raw`\d+`, 'string.quoted.double.raw.kfl'], ['"', END],
      ['R', 'storage.type.string.kfl'], ["'", BEGIN], [String.raw`\w`, 'string.quoted.single.raw.kfl'], ["'", END],
      ['b', 'storage.type.string.kfl'], ['"', BEGIN], ['\\xff', ESC], ['\\u', BAD_ESC], ['0041', 'string.quoted.double.bytes.kfl'], ['"', END],
      ['B', 'storage.type.string.kfl'], ["'", BEGIN], ['\\101', ESC], ["'", END],
      ['br', 'storage.type.string.kfl'], ['"', BEGIN], ['\\n', 'string.quoted.double.raw.kfl'], ['"', END],
    ]);
  });

  it('continues triple-quoted strings across lines, and ends an unterminated string at the line end', async () => {
    const [first, second, third] = await tokenize('path == """a', String.raw`b\n"c`, '""" && "open');
    assert.deepEqual(first?.map((t) => t.scope), ['variable.other.field.kfl', 'keyword.operator.comparison.kfl', BEGIN, 'string.quoted.triple.kfl']);
    assert.deepEqual(second?.map((t) => [t.text, t.scope]), [['b', 'string.quoted.triple.kfl'], ['\\n', ESC], ['"c', 'string.quoted.triple.kfl']]);
    assert.deepEqual(third?.map((t) => [t.text, t.scope]), [['"""', END], ['&&', 'keyword.operator.logical.kfl'], ['"', BEGIN], ['open', STR]]);
    const [, afterUnterminated] = await tokenize('"open', 'http');
    assert.deepEqual(afterUnterminated?.map((t) => t.scope), ['support.constant.protocol.kfl']);
    const raw = await tokenize("r'''x\\", "y''' == 1");
    assert.deepEqual(raw.map((line) => line.map((t) => t.scope)), [
      ['storage.type.string.kfl', BEGIN, 'string.quoted.triple.raw.kfl'],
      ['string.quoted.triple.raw.kfl', END, 'keyword.operator.comparison.kfl', 'constant.numeric.integer.decimal.kfl'],
    ]);
  });

  it('scopes every number form and marks malformed ones', async () => {
    const cases: [string, string][] = [
      ['123', 'constant.numeric.integer.decimal.kfl'],
      ['0x1F', 'constant.numeric.integer.hexadecimal.kfl'],
      ['123u', 'constant.numeric.integer.decimal.unsigned.kfl'],
      ['0x1FU', 'constant.numeric.integer.hexadecimal.unsigned.kfl'],
      ['1.5', 'constant.numeric.float.kfl'],
      ['.5', 'constant.numeric.float.kfl'],
      ['1e6', 'constant.numeric.float.kfl'],
      ['2.5E-3', 'constant.numeric.float.kfl'],
      ['1.0e+9', 'constant.numeric.float.kfl'],
      ['0x', 'invalid.illegal.numeric.kfl'],
      ['1e', 'invalid.illegal.numeric.kfl'],
      ['2.5e+', 'invalid.illegal.numeric.kfl'],
    ];
    for (const [text, scope] of cases) await expectLine(`x == ${text}`, [['x', 'variable.other.field.kfl'], ['==', 'keyword.operator.comparison.kfl'], [text, scope]]);
  });

  it('scopes constants, in, lists, maps and the ternary', async () => {
    await expectLine('method in ["GET", "HEAD",] ? {"a": true} : null', [
      ['method', 'variable.other.field.kfl'],
      ['in', 'keyword.operator.in.kfl'],
      ['[', 'punctuation.section.brackets.begin.kfl'],
      ['"', BEGIN], ['GET', STR], ['"', END], [',', 'punctuation.separator.comma.kfl'],
      ['"', BEGIN], ['HEAD', STR], ['"', END], [',', 'punctuation.separator.comma.kfl'],
      [']', 'punctuation.section.brackets.end.kfl'],
      ['?', 'keyword.operator.ternary.kfl'],
      ['{', 'punctuation.section.braces.begin.kfl'],
      ['"', BEGIN], ['a', STR], ['"', END], [':', 'punctuation.separator.colon.kfl'],
      ['true', 'constant.language.boolean.kfl'],
      ['}', 'punctuation.section.braces.end.kfl'],
      [':', 'punctuation.separator.colon.kfl'],
      ['null', 'constant.language.null.kfl'],
    ]);
    await expectLine('-a * b / c % d + !e', [
      ['-', 'keyword.operator.arithmetic.kfl'], ['a', 'variable.other.field.kfl'],
      ['*', 'keyword.operator.arithmetic.kfl'], ['b', 'variable.other.field.kfl'],
      ['/', 'keyword.operator.arithmetic.kfl'], ['c', 'variable.other.field.kfl'],
      ['%', 'keyword.operator.arithmetic.kfl'], ['d', 'variable.other.field.kfl'],
      ['+', 'keyword.operator.arithmetic.kfl'], ['!', 'keyword.operator.logical.kfl'], ['e', 'variable.other.field.kfl'],
    ]);
  });

  it('marks reserved words, KFL v1 syntax and characters that start no token', async () => {
    await expectLine('if && let', [
      ['if', 'invalid.illegal.reserved-word.kfl'], ['&&', 'keyword.operator.logical.kfl'], ['let', 'invalid.illegal.reserved-word.kfl'],
    ]);
    await expectLine('http and not dns or path contains "x" || src.name == nil || datetime("1")', [
      ['http', 'support.constant.protocol.kfl'], ['and', 'invalid.deprecated.v1.kfl'], ['not', 'invalid.deprecated.v1.kfl'],
      ['dns', 'support.constant.protocol.kfl'], ['or', 'invalid.deprecated.v1.kfl'], ['path', 'variable.other.field.kfl'],
      ['contains', 'invalid.deprecated.v1.kfl'], ['"', BEGIN], ['x', STR], ['"', END],
      ['||', 'keyword.operator.logical.kfl'], ['src', 'variable.other.field.kfl'], ['.', 'punctuation.accessor.kfl'],
      ['name', 'variable.other.property.kfl'], ['==', 'keyword.operator.comparison.kfl'], ['nil', 'invalid.deprecated.v1.kfl'],
      ['||', 'keyword.operator.logical.kfl'], ['datetime', 'invalid.deprecated.v1.kfl'], ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['1', STR], ['"', END], [')', 'punctuation.section.parens.end.kfl'],
    ]);
    await expectLine('a = 1 & b | c; #@', [
      ['a', 'variable.other.field.kfl'], ['=', 'invalid.illegal.operator.kfl'], ['1', 'constant.numeric.integer.decimal.kfl'],
      ['&', 'invalid.illegal.operator.kfl'], ['b', 'variable.other.field.kfl'], ['|', 'invalid.illegal.operator.kfl'],
      ['c', 'variable.other.field.kfl'], [';', 'invalid.illegal.character.kfl'], ['#', 'invalid.illegal.character.kfl'], ['@', 'invalid.illegal.character.kfl'],
    ]);
  });

  it('keeps a field named like a protocol flag a field after a dot', async () => {
    await expectLine('src.dns.endsWith(".local") && dns', [
      ['src', 'variable.other.field.kfl'], ['.', 'punctuation.accessor.kfl'], ['dns', 'variable.other.property.kfl'],
      ['.', 'punctuation.accessor.kfl'], ['endsWith', 'support.function.builtin.kfl'], ['(', 'punctuation.section.parens.begin.kfl'],
      ['"', BEGIN], ['.local', STR], ['"', END], [')', 'punctuation.section.parens.end.kfl'],
      ['&&', 'keyword.operator.logical.kfl'], ['dns', 'support.constant.protocol.kfl'],
    ]);
  });
});
