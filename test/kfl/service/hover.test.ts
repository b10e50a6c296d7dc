// Hover at a caret marker `|`.
import assert from 'node:assert/strict';
import { type KflHover, hover } from '../../../kfl/index';
import { caret } from '../support/caret';

function hoverAt(marked: string, timeZone = 'Asia/Kolkata'): (KflHover & { text: string }) | undefined {
  const { text, offset } = caret(marked);
  const result = hover(text, offset, { timeZone });
  return result && { ...result, text: text.slice(result.start, result.end) };
}

describe('hover', () => {
  it('documents a field: path, type, protocol, description, example', () => {
    const result = hoverAt('http && status_co|de >= 500')!;
    assert.equal(result.text, 'status_code');
    assert.match(result.markdown, /^\*\*status_code\*\* · `int` · HTTP \(DNS too\)/);
    assert.match(result.markdown, /Example: `status_code >= 500`/);
  });

  it('documents each segment of a path on its own', () => {
    assert.equal(hoverAt('s|rc.pod.name == "a"')!.text, 'src');
    assert.match(hoverAt('src.p|od.name == "a"')!.markdown, /^\*\*src\.pod\*\* · `object`/);
    assert.match(hoverAt('src.pod.na|me == "a"')!.markdown, /^\*\*src\.pod\.name\*\* · `string`/);
  });

  it('names a type used as a value', () => {
    const result = hoverAt('type(path) == str|ing')!;
    assert.equal(result.text, 'string');
    assert.equal(result.markdown, 'Type name `string` · `type`\n\nThe type as a value (standard CEL), e.g. `type(x) == string`.');
  });

  it('shows what is unconfirmed and the unit of elapsed_time', () => {
    assert.match(hoverAt('elapsed_ti|me > 1')!.markdown, /microseconds/);
    assert.match(hoverAt('elapsed_ti|me > 1')!.markdown, /⚠ Meaning unconfirmed/);
    assert.match(hoverAt('t|ls')!.markdown, /ebpf_tls/);
  });

  it('explains operator semantics with the operand types: == is exact, matches is a pattern', () => {
    const equals = hoverAt('path =|= "/api"')!;
    assert.equal(equals.text, '==');
    assert.match(equals.markdown, /string == string → bool/);
    assert.match(equals.markdown, /no pattern matching: use `matches`/);
    const matches = hoverAt('path.match|es("^/api")')!;
    assert.match(matches.markdown, /string\.matches\(pattern: string\) → bool/);
    assert.match(matches.markdown, /unanchored/);
    assert.match(hoverAt('"a" i|n dns_questions')!.markdown, /Not a substring test/);
  });

  it('shows a timestamp literal as local time with UTC in parentheses', () => {
    const result = hoverAt('timestamp > timestamp("2026-03-14T17:0|0:00Z")')!;
    assert.equal(result.text, '"2026-03-14T17:00:00Z"');
    assert.match(result.markdown, /2026-03-14 22:30:00 IST \(17:00:00 UTC\)/);
    assert.match(hoverAt('timestamp > timesta|mp("2026-03-14T22:30:00+05:30")', 'Europe/Berlin')!.markdown, /2026-03-14 18:00:00 CET \(17:00:00 UTC\)/);
  });

  it('shows durations and elapsed_time bounds in plain units', () => {
    assert.match(hoverAt('timestamp > now() - duration("9|0m")')!.markdown, /= 1\.5 h/);
    assert.match(hoverAt('elapsed_time > 2500|00')!.markdown, /250000 µs = 250 ms/);
  });

  it('documents macros and their variables', () => {
    assert.match(hoverAt('dns_questions.exis|ts(q, q == "a")')!.markdown, /Macro\. True when some element/);
    assert.match(hoverAt('dns_questions.exists(|q, q == "a")')!.markdown, /Macro variable `q` · `string`/);
    assert.match(hoverAt('dns_questions.exists(q, |q == "a")')!.markdown, /Bound by `exists`/);
  });

  it('explains a map key read as a member', () => {
    assert.match(hoverAt('request.headers.ho|st == "a"')!.markdown, /Key `host` of `request.headers`/);
  });

  it('nothing on unknown names, in comments, on whitespace', () => {
    assert.equal(hoverAt('nope|x == 1'), undefined);
    assert.equal(hoverAt('http // status_c|ode'), undefined);
    assert.equal(hoverAt('http &&   |  dns'), undefined);
  });
});
