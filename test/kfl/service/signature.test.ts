// Signature help at a caret marker `|`.
import assert from 'node:assert/strict';
import { type KflSignatureHelp, signatureHelp } from '../../../kfl/index';
import { caret } from '../support/caret';

function helpAt(marked: string): KflSignatureHelp | undefined {
  const { text, offset } = caret(marked);
  return signatureHelp(text, offset);
}

function active(help: KflSignatureHelp): string {
  const signature = help.signatures[help.activeSignature];
  const [start, end] = signature.parameters[help.activeParameter]?.label ?? [0, 0];
  return `${signature.label} @ ${signature.label.slice(start, end)}`;
}

describe('signatureHelp', () => {
  it('tracks the active parameter by top-level commas, while the call is being typed', () => {
    assert.equal(active(helpAt('map_get(|')!), 'map_get(map: map(K, V), key: K, default: V) → V @ map: map(K, V)');
    assert.equal(active(helpAt('map_get(request.headers, |')!), 'map_get(map: map(K, V), key: K, default: V) → V @ key: K');
    assert.equal(active(helpAt('map_get(request.headers, f(1, 2), |)')!), 'map_get(map: map(K, V), key: K, default: V) → V @ default: V');
  });

  it('narrows method overloads by the receiver type', () => {
    assert.deepEqual(helpAt('path.size(|)')!.signatures.map((s) => s.label), ['string.size() → int']);
    assert.deepEqual(helpAt('timestamp.getHours(|)')!.signatures.map((s) => s.label), ['timestamp.getHours() → int', 'timestamp.getHours(timeZone: string) → int']);
  });

  it('chooses the resolved overload', () => {
    const help = helpAt('size(dns_questions|) > 0')!;
    assert.equal(help.signatures[help.activeSignature].label, 'size(value: list(A)) → int');
  });

  it('shows macro forms', () => {
    assert.equal(active(helpAt('dns_questions.exists(q, |')!), 'exists(variable, predicate) @ predicate');
    assert.deepEqual(helpAt('l.map(|')!.signatures.map((s) => s.label), ['map(variable, transform)', 'map(variable, predicate, transform)']);
    assert.equal(active(helpAt('has(|')!), 'has(field) @ field');
  });

  it('nothing outside a call, inside a list, or for an unknown function', () => {
    assert.equal(helpAt('http && |'), undefined);
    assert.equal(helpAt('f([1, |])'), undefined);
    assert.equal(helpAt('nope(|)'), undefined);
    assert.equal(helpAt('(|http)'), undefined);
  });
});
