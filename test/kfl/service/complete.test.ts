// Completion at a caret marker `|`.
import assert from 'node:assert/strict';
import { type KflCompletionItem, type ServiceOptions, complete, extendSchema, defaultSchema } from '../../../kfl/index';
import { caret } from '../support/caret';

function itemsAt(marked: string, options: ServiceOptions = {}): KflCompletionItem[] {
  const { text, offset } = caret(marked);
  return complete(text, offset, options);
}

const labels = (items: KflCompletionItem[]): string[] => items.map((i) => i.label);
const sorted = (items: KflCompletionItem[]): string[] => [...items].sort((a, b) => (a.sortText ?? `~${a.label}`).localeCompare(b.sortText ?? `~${b.label}`)).map((i) => i.label);

describe('complete', () => {
  describe('after `.`', () => {
    it('lists the fields of an object', () => {
      assert.deepEqual(labels(itemsAt('src.|')), ['ip', 'port', 'name', 'namespace', 'dns', 'pod', 'service']);
      assert.deepEqual(labels(itemsAt('http && dst.service.|')), ['name', 'namespace']);
    });

    it('replaces the name being typed', () => {
      const items = itemsAt('src.pod.na|');
      assert.deepEqual(labels(items), ['name', 'namespace']);
      assert.deepEqual(items[0].replace, { start: 8, end: 10 });
    });

    it('lists methods by the receiver type, with snippets', () => {
      assert.deepEqual(labels(itemsAt('path.|')), ['contains', 'startsWith', 'endsWith', 'matches', 'size']);
      const startsWith = itemsAt('path.|').find((i) => i.label === 'startsWith')!;
      assert.deepEqual([startsWith.kind, startsWith.insertText, startsWith.snippet], ['method', 'startsWith(${1:prefix})', true]);
      assert.deepEqual(labels(itemsAt('tcp_payload.|')), ['size']);
      assert.ok(labels(itemsAt('timestamp.|')).includes('getHours'));
      assert.ok(!labels(itemsAt('timestamp.|')).includes('contains'));
    });

    it('offers the macros on lists and maps as snippets with a fitting variable name', () => {
      const items = itemsAt('dns_questions.|');
      assert.deepEqual(labels(items), ['size', 'exists', 'all', 'exists_one', 'map', 'filter']);
      assert.equal(items.find((i) => i.label === 'exists')!.insertText, 'exists(${1:q}, ${2:predicate})');
      assert.ok(labels(itemsAt('request.headers.|')).includes('exists'));
    });

    it('offers known keys of a map', () => {
      assert.ok(labels(itemsAt('node.|')).includes('name'));
      assert.ok(labels(itemsAt('node.|', { values: { node: ['zone'] } })).includes('zone'));
    });

    it('uses Hub fields pushed with the schema', () => {
      const schema = extendSchema(defaultSchema, [{ path: 'src.pod.uid', type: 'string', protocol: 'k8s', description: 'pod uid' }]);
      assert.ok(labels(itemsAt('src.pod.|', { schema })).includes('uid'));
    });

    it('works in an unfinished filter', () => {
      assert.deepEqual(labels(itemsAt('http && (src.| ')), ['ip', 'port', 'name', 'namespace', 'dns', 'pod', 'service']);
    });
  });

  describe('after a complete operand: operators for its type', () => {
    it('comparisons and arithmetic for an int', () => {
      const items = labels(itemsAt('status_code |'));
      for (const op of ['==', '!=', '<', '>=', 'in', '+']) assert.ok(items.includes(op), op);
      assert.ok(!items.includes('&&'));
    });

    it('logical operators and the conditional for a bool', () => {
      const items = labels(itemsAt('http |'));
      for (const op of ['&&', '||', '? :', '==']) assert.ok(items.includes(op), op);
      assert.ok(!items.includes('<') || items.includes('<'), 'bools are ordered too');
    });

    it('`&&` also after a comparison that ends in a non-bool operand', () => {
      assert.ok(labels(itemsAt('status_code == 500 |')).includes('&&'));
    });
  });

  describe('in operand position', () => {
    it('lists protocol flags first, then fields, functions, has and true/false', () => {
      const items = itemsAt('|');
      const order = sorted(items);
      assert.equal(order[0], 'http');
      assert.ok(order.indexOf('udp_flow') < order.indexOf('status_code'));
      assert.ok(order.indexOf('status_code') < order.indexOf('map_get'));
      assert.ok(labels(items).includes('has') && labels(items).includes('true'));
      assert.equal(items.find((i) => i.label === 'http')!.kind, 'flag');
      assert.equal(items.find((i) => i.label === 'src')!.kind, 'object');
      assert.match(items.find((i) => i.label === 'status_code')!.documentation!, /response status/);
    });

    it('puts the caret inside the quotes of timestamp() and duration()', () => {
      const items = itemsAt('timestamp > |');
      assert.equal(items.find((i) => i.label === 'timestamp' && i.kind === 'function')!.insertText, 'timestamp("${1:2026-03-14T17:00:00Z}")');
      assert.equal(items.find((i) => i.label === 'map_get')!.insertText, 'map_get(${1:map}, ${2:key}, ${3:default})');
    });

    it('offers macro variables in scope first', () => {
      const order = sorted(itemsAt('dns_questions.exists(q, |)'));
      assert.equal(order[0], 'q');
      assert.ok(!labels(itemsAt('dns_questions.exists(q, true) && |')).includes('q'));
    });

    it('offers quoted known values after `==` with a field, schema values and pushed values', () => {
      const items = itemsAt('http && method == |', { values: { method: ['PROPFIND', 'GET'] } });
      const values = items.filter((i) => i.kind === 'value').map((i) => i.label);
      assert.deepEqual(values, ['"GET"', '"POST"', '"PUT"', '"PATCH"', '"DELETE"', '"HEAD"', '"OPTIONS"', '"CONNECT"', '"TRACE"', '"PROPFIND"']);
      assert.deepEqual(itemsAt('dst.service.name == |', { values: { 'dst.service.name': ['payment-service'] } }).filter((i) => i.kind === 'value').map((i) => i.label), ['"payment-service"']);
    });

    it('offers values inside a list after `in`', () => {
      assert.ok(labels(itemsAt('method in ["GET", |]')).includes('"POST"'));
    });
  });

  describe('inside a string', () => {
    it('values of the compared field, replacing the string content', () => {
      const items = itemsAt('method == "P|"');
      assert.ok(labels(items).includes('POST'));
      assert.deepEqual(items[0].replace, { start: 11, end: 12 });
      assert.equal(items[0].kind, 'value');
    });

    it('values of list elements: `"…" in list`, a macro variable over a list', () => {
      assert.ok(labels(itemsAt('"|" in dns_question_types')).includes('TXT'));
      assert.ok(labels(itemsAt('conn_l7_detected.exists(p, p == "|")')).includes('HTTP'));
    });

    it('keys of the map it indexes, tests or reads with map_get', () => {
      assert.ok(labels(itemsAt('request.headers["|"]')).includes('user-agent'));
      assert.ok(labels(itemsAt('"|" in request.headers')).includes('authorization'));
      assert.ok(labels(itemsAt('map_get(request.headers, "|", "")')).includes('content-type'));
      assert.deepEqual(labels(itemsAt('capture["|"] == ""')), ['source', 'backend']);
      assert.deepEqual(labels(itemsAt('map_get(local_labels, "|", "") == ""', { values: { local_labels: ['team'] } })), ['app', 'version', 'team']);
    });

    it('works in an unterminated string', () => {
      assert.ok(labels(itemsAt('ws_opcode == "cl|')).includes('close'));
    });

    it('escapes values for the quote in use', () => {
      const items = itemsAt("path == '|'", { values: { path: ["it's"] } });
      assert.equal(items[0].insertText, "it\\'s");
    });

    it('nothing for a string without a field context', () => {
      assert.deepEqual(itemsAt('"|" == "a"'), []);
    });
  });

  it('nothing inside a comment; nothing for an offset outside the text', () => {
    assert.deepEqual(itemsAt('http // src.|'), []);
    assert.deepEqual(complete('http', 99), []);
    assert.deepEqual(complete('http', -1), []);
  });
});
