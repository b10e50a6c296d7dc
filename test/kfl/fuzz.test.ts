// Bad input (issue 2): over 100,000 generated and mutated filters, deterministic. None may make
// analyze, complete, hover, signatureHelp, semanticTokens or format throw; every diagnostic and
// fix range lies inside the text; work stays bounded (counted, never timed); formatting is
// idempotent and never changes the tokens.
import assert from 'node:assert/strict';
import { complete, format, hover, messageOf, semanticTokens, signatureHelp } from '../../kfl/index';
import { DiagnosticSink } from '../../kfl/diagnostics';
import { defaultSchema } from '../../kfl/schema';
import { LIMITS } from '../../kfl/syntax/limits';
import { parse } from '../../kfl/syntax/parser';
import { scan } from '../../kfl/syntax/scanner';
import { analysisOf } from '../../kfl/service/session';
import { ACCEPTED, REJECTED } from './support/examples';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20260314);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number): boolean => random() < p;

const FIELDS = defaultSchema.fields.map((f) => f.path);
const LITERALS = ['0', '500', '-1', '1u', '0x1F', '1.5', '.5', '1e6', '"GET"', "'x'", 'r"^/a.*"', 'b"\\x00"', '"""t"""', 'true', 'null', '[]', '{}', '"\\d"', 'timestamp("2026-03-14T17:00:00Z")', 'duration("5m")', 'now()'];
const BINARY = ['&&', '||', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%', 'and', 'or', 'contains'];
const METHODS = ['contains', 'startsWith', 'endsWith', 'matches', 'size', 'exists', 'all', 'map', 'filter', 'exists_one', 'getHours', 'lowerAscii'];
const FUNCTIONS = ['size', 'map_get', 'has', 'timestamp', 'duration', 'int', 'string', 'dyn', 'datetime', 'limit', 'foo'];
const NASTY = ['\u0000', '\uD800', '\uDFFF', '😀', 'é', '\u2028', '\u00a0', '\t', '\n', '\r', '\\', '"', "'", '`', '(', ')', '[', ']', '{', '}', '.', ',', ':', '?', '=', '&', '|', '!', '-', '/', '//', '#', '@', ';', '__proto__', 'constructor'];

/** A random expression from the grammar (often well-typed, often not). */
function generate(depth: number): string {
  if (depth <= 0 || chance(0.3)) return chance(0.6) ? pick(FIELDS) : pick(LITERALS);
  switch (Math.floor(random() * 8)) {
    case 0:
      return `${generate(depth - 1)} ${pick(BINARY)} ${generate(depth - 1)}`;
    case 1:
      return `${pick(['!', '-', 'not '])}${generate(depth - 1)}`;
    case 2:
      return `(${generate(depth - 1)})`;
    case 3:
      return `${pick(FIELDS)}.${pick(METHODS)}(${chance(0.5) ? 'x, ' : ''}${generate(depth - 1)})`;
    case 4:
      return `${pick(FUNCTIONS)}(${Array.from({ length: Math.floor(random() * 4) }, () => generate(depth - 1)).join(', ')})`;
    case 5:
      return `[${Array.from({ length: Math.floor(random() * 4) }, () => generate(depth - 1)).join(', ')}]`;
    case 6:
      return `${generate(depth - 1)} ? ${generate(depth - 1)} : ${generate(depth - 1)}`;
    default:
      return `${pick(FIELDS)}[${generate(depth - 1)}]`;
  }
}

function mutate(text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + pick(NASTY) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
    default:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at + 1);
  }
}

/** Every example, mutated at every position in each of the four ways. */
function* exampleMutations(): Generator<string> {
  const examples = [...ACCEPTED.map(([, filter]) => filter), ...REJECTED.map(([, filter]) => filter)];
  for (const example of examples) {
    yield example;
    for (let i = 0; i <= example.length; i++) {
      yield example.slice(0, i) + example.slice(i + 1);
      yield example.slice(0, i) + pick(NASTY) + example.slice(i);
      yield example.slice(0, i) + example.charAt(i + 1) + example.charAt(i) + example.slice(i + 2);
      yield example.slice(0, i) + String.fromCodePoint(Math.floor(random() * 0x10ffff) & ~0x800) + example.slice(i + 1);
    }
  }
}

function* generated(count: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    let text = generate(1 + Math.floor(random() * 5));
    for (let m = Math.floor(random() * 3); m > 0; m--) text = mutate(text);
    yield text;
  }
}

function* tokenSoup(count: number): Generator<string> {
  const atoms = [...FIELDS.slice(0, 40), ...LITERALS, ...BINARY, ...NASTY, ' ', ' '];
  for (let i = 0; i < count; i++) yield Array.from({ length: 1 + Math.floor(random() * 30) }, () => pick(atoms)).join(chance(0.5) ? ' ' : '');
}

function* randomText(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield Array.from({ length: Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * (chance(0.8) ? 128 : 0x10000)))).join('');
}

/** The properties every input must keep. */
function check(text: string, index: number): void {
  const inRange = (start: number, end: number): boolean => Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
  // analyze() through the services' cache, so they reuse this analysis rather than redo it.
  const analysis = analysisOf(text);
  for (const d of analysis.diagnostics) {
    assert.ok(inRange(d.start, d.end), `${d.code} [${d.start},${d.end}] outside ${JSON.stringify(text)}`);
    assert.ok(messageOf(d).length > 0, `${d.code} has a message`);
    for (const fix of d.fixes) for (const edit of fix.edits) assert.ok(inRange(edit.start, edit.end), `fix of ${d.code} outside ${JSON.stringify(text)}`);
  }
  assert.ok(analysis.nodeCount <= LIMITS.maxNodes + 1);

  const sink = new DiagnosticSink();
  const parsed = parse(text, sink);
  assert.ok(parsed.work <= 25 * parsed.tokens.length + 50, `parser work ${parsed.work} for ${parsed.tokens.length} tokens: ${JSON.stringify(text)}`);

  const offset = Math.floor(random() * (text.length + 1));
  complete(text, offset);
  hover(text, offset);
  signatureHelp(text, offset);
  if (index % 4 === 0) {
    for (const token of semanticTokens(text)) assert.ok(inRange(token.start, token.start + token.length));
  }
  const formatted = format(text);
  if (formatted !== text) {
    assert.equal(format(formatted), formatted, `format is idempotent on ${JSON.stringify(text)}`);
    const texts = (t: string): string[] => scan(t, new DiagnosticSink()).tokens.map((k) => t.slice(k.start, k.end));
    assert.deepEqual(texts(formatted), texts(text), `format keeps the tokens of ${JSON.stringify(text)}`);
  }
}

describe('fuzz: generated and mutated filters', function () {
  this.timeout(120_000);

  it('survives ≥ 100,000 inputs with every property intact', () => {
    let count = 0;
    const sources = [exampleMutations(), generated(55_000), tokenSoup(15_000), randomText(15_000)];
    for (const source of sources) {
      for (const text of source) check(text, count++);
    }
    assert.ok(count >= 100_000, `${count} inputs`);
  });

  it('handles the largest inputs the limits allow', () => {
    const inputs = [
      'a'.repeat(LIMITS.maxBytes),
      `${'('.repeat(5000)}a`,
      `"${'\\d'.repeat(20000)}"`,
      Array.from({ length: 2400 }, (_, i) => `local_labels["k${i % 7}"] == "v"`).join(' && '),
      Array.from({ length: 3000 }, () => 'http').join(' || '),
      `[${'1,'.repeat(20000)}]`,
      '/'.repeat(60000),
      `${'a.'.repeat(30000)}b`,
    ];
    inputs.forEach(check);
  });
});
