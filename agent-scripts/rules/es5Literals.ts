import { type Literal } from 'acorn';
import { type ScriptModel } from '../lint/model';
import { es5Messages as m } from '../messages';
import { type Fix } from '../types';
import { type RuleContext } from './context';

const REGEX_FLAG_VERSIONS: Readonly<Record<string, string>> = { u: 'ES2015', y: 'ES2015', s: 'ES2018', d: 'ES2022', v: 'ES2024' };

const replaceWith = (title: string, start: number, end: number, newText: string): Fix[] =>
  [{ title, preferred: true, edits: [{ start, end, newText }] }];

/** New literal forms (rule es5/no-new-literal): binary, octal, separators, BigInt, `\u{…}`, regex flags. */
export function checkEs5Literals(model: ScriptModel, ctx: RuleContext): void {
  for (const lit of model.nodes('Literal')) {
    const raw = lit.raw ?? '';
    if (lit.bigint !== undefined) ctx.report('es5/no-new-literal', lit.start, lit.end, m.bigint());
    else if (typeof lit.value === 'number') numeric(lit, raw, ctx);
    else if (typeof lit.value === 'string') stringEscapes(lit, raw, ctx);
    else if (lit.regex) regexFlags(lit, ctx);
  }
}

function numeric(lit: Literal, raw: string, ctx: RuleContext): void {
  const decimal = String(lit.value);
  const digits = raw.slice(2).replace(/_/g, '');
  const fix = replaceWith(`Write \`${decimal}\``, lit.start, lit.end, decimal);
  if (/^0[bB]/.test(raw)) ctx.report('es5/no-new-literal', lit.start, lit.end, m.binaryLiteral(decimal, digits), { fixes: fix });
  else if (/^0[oO]/.test(raw)) ctx.report('es5/no-new-literal', lit.start, lit.end, m.octalLiteral(decimal, digits), { fixes: fix });
  else if (raw.includes('_')) {
    const plain = raw.replace(/_/g, '');
    ctx.report('es5/no-new-literal', lit.start, lit.end, m.numericSeparator(plain), { fixes: replaceWith(`Write \`${plain}\``, lit.start, lit.end, plain) });
  }
}

/** `\u{1F600}` → `\uD83D\uDE00` (a BMP code point needs no pair). */
function utf16Escape(codePoint: number): string {
  const hex = (n: number): string => `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;
  if (codePoint <= 0xffff) return hex(codePoint);
  const offset = codePoint - 0x10000;
  return hex(0xd800 + (offset >> 10)) + hex(0xdc00 + (offset & 0x3ff));
}

function stringEscapes(lit: Literal, raw: string, ctx: RuleContext): void {
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\u2028' || ch === '\u2029') {
      // ES2019 made raw line separators legal in strings; in ES5 they end the line.
      const escaped = ch === '\u2028' ? '\\u2028' : '\\u2029';
      ctx.report('es5/other-syntax', lit.start + i, lit.start + i + 1, m.other('Raw line separators (U+2028/U+2029) in strings are', 'ES2019'),
        { fixes: replaceWith(`Write \`${escaped}\``, lit.start + i, lit.start + i + 1, escaped) });
      continue;
    }
    if (ch !== '\\') continue;
    const brace = /^u\{([0-9a-fA-F]+)\}/.exec(raw.slice(i + 1, i + 12));
    if (brace) {
      const codePoint = parseInt(brace[1]!, 16);
      const pair = codePoint <= 0x10ffff ? utf16Escape(codePoint) : '\\uFFFD';
      const end = lit.start + i + 1 + brace[0].length;
      ctx.report('es5/no-new-literal', lit.start + i, end, m.codePointEscape(pair), { fixes: replaceWith(`Write \`${pair}\``, lit.start + i, end, pair) });
    }
    i++; // the escaped character
  }
}

function regexFlags(lit: Literal, ctx: RuleContext): void {
  const flags = lit.regex!.flags;
  const flagsStart = lit.end - flags.length;
  for (let i = 0; i < flags.length; i++) {
    const version = REGEX_FLAG_VERSIONS[flags[i]!];
    if (version) ctx.report('es5/no-new-literal', flagsStart + i, flagsStart + i + 1, m.regexFlag(flags[i]!, version));
  }
}
