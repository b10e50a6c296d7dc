import { strict as assert } from 'node:assert';
import { readName } from '../../../hub/dissect/protocols/dns/dnsMessage';

/** A name in DNS wire form: length-prefixed labels of raw bytes, then the root label. */
function wireName(...labels: Uint8Array[]): Uint8Array {
  const parts = labels.flatMap((l) => [Uint8Array.of(l.length), l]);
  return Buffer.concat([...parts, Uint8Array.of(0)]);
}

describe('DNS names as text', () => {
  it('reads ASCII labels unchanged', () => {
    assert.equal(readName(wireName(Buffer.from('api'), Buffer.from('svc')), 0)[0], 'api.svc');
  });

  it('reads UTF-8 labels as the characters they encode, hidden controls included', () => {
    const name = readName(wireName(Buffer.from('invoice\u202Egnp', 'utf8'), Buffer.from('test')), 0)[0];
    assert.equal(name, 'invoice\u202Egnp.test');
  });

  it('keeps every byte of a label that is not UTF-8 (one code point per byte)', () => {
    const name = readName(wireName(Uint8Array.of(0x61, 0xff, 0xc3), Buffer.from('x')), 0)[0];
    assert.deepEqual([...name.split('.')[0]!].map((c) => c.codePointAt(0)), [0x61, 0xff, 0xc3]);
  });
});
