// The type checker: the output contract the engine compiles from, the typing rules of spec §6,
// each error diagnostic, and that one mistake is reported once.
import assert from 'node:assert/strict';
import { type CheckedAnalysis, type Expr, analyze, childrenOf, defaultSchema, extendSchema, formatType, messageOf } from '../../kfl/index';

function errors(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${messageOf(d)}`);
}

function codes(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

function ok(text: string): CheckedAnalysis {
  const analysis = analyze(text);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map(messageOf), [], text);
  return analysis;
}

function nodes(root: Expr): Expr[] {
  return [root, ...childrenOf(root).flatMap(nodes)];
}

describe('checker', () => {
  describe('output contract (kfl/checked.ts)', () => {
    const text = 'http && src.pod.name.startsWith("api-") && dns_questions.exists(q, q in ["a"]) && map_get(request.headers, "x", "") == "y" && node.name != "" && -elapsed_time < 0 && local_labels["app"] == "a" && type(elapsed_time) == int';
    const analysis = analyze(text);

    it('gives every node a concrete type', () => {
      for (const node of nodes(analysis.ast!)) {
        const type = analysis.typeOf(node);
        assert.ok(type.kind !== 'error' && type.kind !== 'param', `${text.slice(node.start, node.end)}: ${formatType(type)}`);
      }
    });

    it('resolves every ident and select: schema field (whole path), macro variable, map key or type name', () => {
      const resolved = nodes(analysis.ast!)
        .filter((n) => n.kind === 'ident' || n.kind === 'select')
        .map((n) => {
          const reference = analysis.referenceOf(n as Extract<Expr, { kind: 'ident' | 'select' }>);
          assert.ok(reference, text.slice(n.start, n.end));
          return `${text.slice(n.start, n.end)}=${reference.kind === 'field' ? reference.field.path : reference.kind === 'variable' ? `var:${reference.name}` : reference.kind === 'map-key' ? `key:${reference.key}` : `type:${reference.name}`}`;
        });
      assert.deepEqual(resolved.sort(), [
        'dns_questions=dns_questions', 'elapsed_time=elapsed_time', 'http=http', 'local_labels=local_labels', 'node.name=key:name', 'node=node',
        'q=var:q', 'request.headers=request.headers', 'request=request', 'src.pod.name=src.pod.name', 'src.pod=src.pod', 'src=src', 'int=type:int',
        'elapsed_time=elapsed_time',
      ].sort());
    });

    it('binds a macro variable to its comprehension', () => {
      const variable = nodes(analysis.ast!).find((n) => n.kind === 'ident' && n.name === 'q')!;
      const reference = analysis.referenceOf(variable as Extract<Expr, { kind: 'ident' }>);
      assert.ok(reference?.kind === 'variable' && reference.binder.macro === 'exists' && reference.binder.variable.name === 'q');
    });

    it('resolves every call, operator and index to an overload id', () => {
      const ids = nodes(analysis.ast!)
        .filter((n) => n.kind === 'call' || n.kind === 'binary' || n.kind === 'unary' || n.kind === 'index')
        .map((n) => analysis.overloadOf(n as Extract<Expr, { kind: 'call' | 'binary' | 'unary' | 'index' }>)?.id);
      assert.ok(ids.every((id) => id !== undefined));
      for (const id of ['logical_and', 'starts_with_string', 'in_list', 'map_get', 'equals', 'not_equals', 'negate_int64', 'less_int64', 'index_map']) assert.ok(ids.includes(id), id);
    });

    it('leaves the overload open only for dyn operands that fit several', () => {
      const dynamic = analyze('dyn(status_code) + dyn(1) == dyn(2)');
      const plus = nodes(dynamic.ast!).find((n) => n.kind === 'binary' && n.op === '+')!;
      assert.equal(dynamic.overloadOf(plus as Extract<Expr, { kind: 'binary' }>), undefined);
      assert.equal(formatType(dynamic.typeOf(plus)), 'dyn');
    });
  });

  describe('typing rules (spec §6)', () => {
    it('int, uint and double never mix', () => {
      for (const text of ['status_code + 1u > 0', '1 + 1.0 > 0.0', 'status_code == 1u', '2u > 1', '-1u == 1u']) assert.ok(codes(text).includes('kfl/type-mismatch'), text);
      for (const text of ['status_code + 1 > 0', '1u + 2u > 3u', '1.5 * 2.0 > 1.0', '-1 < 0', '-1.5 < 0.0', '7 % 2 == 1']) ok(text);
      assert.ok(codes('1.5 % 2.0 == 1.0').includes('kfl/type-mismatch'));
    });

    it('timestamps and durations', () => {
      for (const text of ['timestamp - timestamp("2026-01-01T00:00:00Z") > duration("1h")', 'timestamp + duration("1s") > now()', 'duration("1s") + duration("1m") < duration("2m")']) ok(text);
      assert.ok(codes('timestamp + timestamp > now()').includes('kfl/type-mismatch'));
      assert.ok(codes('elapsed_time > duration("1s")').includes('kfl/type-mismatch'));
    });

    it('strings, bytes and lists concatenate; lists and maps compare element-wise', () => {
      for (const text of ['path + "/" == "x"', 'tcp_payload + b"x" == b""', 'dns_questions + ["a"] == ["a"]', 'dns_questions == []', 'local_labels == {"app": "a"}', 'size({"a": 1}) == 1']) ok(text);
      assert.ok(codes('namespaces == [1]').includes('kfl/type-mismatch'));
    });

    it('in tests list elements and map keys', () => {
      for (const text of ['"a" in dns_questions', '"app" in local_labels', '1 in [1, 2]', '"a" in {"a": 1}']) ok(text);
      assert.deepEqual(errors('1 in local_labels'), ['kfl/type-mismatch: Left side of `in` must be `string` to match `map(string, string)`; got `int`.']);
      assert.deepEqual(errors('status_code in ["a"]'), ['kfl/type-mismatch: Left side of `in` must be `string` to match `list(string)`; got `int`.']);
    });

    it('macro variables are typed from the collection and scoped to the macro', () => {
      ok('request.headers.exists(k, k.startsWith("x-") && request.headers[k] != "")');
      ok('dns_questions.map(q, size(q)).exists(n, n > 60)');
      assert.deepEqual(codes('dns_questions.exists(q, q > 1)'), ['kfl/type-mismatch']);
      assert.deepEqual(codes('dns_questions.exists(q, true) && q == "a"'), ['kfl/unknown-field']);
      ok('[[1, 2], [3]].exists(l, l.exists(x, x > 2))');
    });

    it('a macro needs a list or map and a boolean predicate', () => {
      assert.deepEqual(errors('status_code.exists(x, x > 1)'), ['kfl/receiver: `exists` needs a list or map receiver; `status_code` is `int`.']);
      assert.deepEqual(errors('dns_questions.all(q, size(q))'), ['kfl/type-mismatch: The predicate of `all` must be `bool`; got `int`.']);
      assert.deepEqual(errors('size(dns_questions.map(q)) > 0'), ['kfl/arity: `map` takes 2 or 3 arguments (variable, [predicate], transform); got 1.']);
    });

    it('the conditional needs a bool condition and branches of one type', () => {
      ok('http ? status_code >= 500 : false');
      assert.deepEqual(errors('status_code ? true : false'), ['kfl/type-mismatch: The condition of `? :` must be `bool`; got `int`.']);
      assert.deepEqual(errors('(http ? 1 : "a") == 1'), ['kfl/type-mismatch: Both branches of `? :` must have one type; found `int` and `string`.']);
    });

    it('type names are values of type `type`, and type values of any types compare (CEL)', () => {
      for (const text of ['type(status_code) == int', 'type(7) == type(7u)', 'type([1]) != type(["a"])', 'type(type(1)) == type', '[int, null_type] == [list, map]', 'bool != bytes']) ok(text);
      assert.deepEqual(errors('status_code == int'), ['kfl/type-mismatch: Cannot compare `int` with `type`.']);
      assert.deepEqual(errors('int'), ['kfl/not-bool: A filter must be `bool`; this one is `type`.']);
      const info = analyze('type(path) == string').diagnostics.find((d) => d.start === 14);
      assert.equal(info && `${info.code} ${info.severity}: ${messageOf(info)}`,
        'kfl/unconfirmed info: The type name `string` as a value is standard CEL, not in the documented KFL2 set; it works locally but is unconfirmed on the Hub.');
      const schema = extendSchema(defaultSchema, [{ path: 'type', type: 'string', protocol: 'custom', description: 'a field named like a type' }]);
      assert.deepEqual(analyze('type == "x"', { schema }).diagnostics, [], 'a field hides the type name');
    });

    it('standard CEL conversions between ints, timestamps, durations and bools', () => {
      for (const text of ['timestamp(1773507600) < now()', 'duration(1000) < duration("1s")', 'int(duration("1s")) == 1000000000', 'bool("true")', 'bool(http)', 'timestamp(timestamp) == timestamp', 'duration(duration("1s")) > duration("0s")']) ok(text);
      assert.deepEqual(errors('timestamp(1.5) < now()'), ['kfl/type-mismatch: `timestamp` does not accept (double).']);
      assert.deepEqual(codes('bool(1)'), ['kfl/type-mismatch']);
    });

    it('Unix seconds out of the timestamp range are an error at edit time, with the Unix ms reading as a fix', () => {
      const [diagnostic, ...rest] = analyze('timestamp > timestamp(1773507600000)', { timeZone: 'Asia/Kolkata' }).diagnostics;
      assert.deepEqual(rest, []);
      assert.equal(`${diagnostic?.code}: ${diagnostic && messageOf(diagnostic)}`, 'kfl/invalid-timestamp: Timestamp out of range; CEL timestamps span 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.');
      assert.deepEqual(diagnostic?.fixes.map((f) => [f.title, f.edits]), [[
        'Read 1773507600000 as Unix ms: `timestamp("2026-03-14T17:00:00Z")`, 2026-03-14 22:30:00 IST (17:00:00 UTC)',
        [{ start: 12, end: 36, newText: 'timestamp("2026-03-14T17:00:00Z")' }],
      ]]);
      assert.deepEqual(codes('timestamp(-99999999999) < now()'), ['kfl/invalid-timestamp']);
      assert.deepEqual(codes('timestamp(-62135596800) < now() && timestamp(253402300799) > now()'), []);
      assert.deepEqual(codes('timestamp(99999999999999999) < now()'), ['kfl/invalid-timestamp']);
    });

    it('the filter must be bool', () => {
      for (const [text, type] of [['status_code', 'int'], ['path', 'string'], ['dns_questions', 'list(string)'], ['src', 'src'], ['timestamp', 'timestamp']]) {
        assert.deepEqual(errors(text), [`kfl/not-bool: A filter must be \`bool\`; this one is \`${type}\`.`]);
      }
    });
  });

  describe('errors', () => {
    it('logical and unary operators need their types', () => {
      assert.deepEqual(errors('http && status_code'), ['kfl/type-mismatch: `&&` needs `bool` operands; got `int`.']);
      assert.deepEqual(errors('!path'), ['kfl/type-mismatch: No operator `!` for `string`.']);
      assert.deepEqual(errors('-path == ""'), ['kfl/type-mismatch: No operator `-` for `string`.']);
      assert.deepEqual(errors('path * 2 == ""'), ['kfl/type-mismatch: No operator `*` for `string` and `int`.']);
    });

    it('indexing', () => {
      assert.deepEqual(errors('status_code[0] == 1'), ['kfl/type-mismatch: Cannot index `int`; only lists and maps can be indexed.']);
      assert.deepEqual(errors('dns_questions["a"] == "b"'), ['kfl/type-mismatch: A list index must be `int`; got `string`.']);
      assert.deepEqual(errors('local_labels[1] == "b"'), ['kfl/type-mismatch: Key must be `string` to index `map(string, string)`; got `int`.']);
      ok('dns_questions[0] == "a" || true');
    });

    it('map literals: key types, one key type, one value type, no duplicate keys', () => {
      assert.deepEqual(errors('{1.5: 1} == {}'), ['kfl/type-mismatch: Map keys must be int, uint, bool or string; got `double`.']);
      assert.deepEqual(errors('{1: 1, "a": 2} == {}'), ['kfl/type-mismatch: Map keys must have one type; found `int` and `string`.']);
      assert.deepEqual(errors('{"a": 1, "b": "c"} == {}'), ['kfl/type-mismatch: Map values must have one type; found `int` and `string`.']);
      assert.deepEqual(errors('{"a": 1, "a": 2} == {}'), ['kfl/type-mismatch: Duplicate key `"a"` in a map literal.']);
    });

    it('function arguments', () => {
      assert.deepEqual(errors('path.startsWith(5)'), ['kfl/type-mismatch: Argument 1 of `startsWith` must be `string`; got `int`.']);
      assert.deepEqual(errors('map_get(local_labels, 1, "") == ""'), ['kfl/type-mismatch: Key must be `string` to match the map\'s keys; got `int`.']);
      assert.deepEqual(errors('map_get(path, "a", "") == ""'), ['kfl/type-mismatch: `map_get` needs a map as its first argument; got `string`.']);
      assert.deepEqual(codes('int(dns_questions) == 1'), ['kfl/type-mismatch']);
    });

    it('unknown functions: extension, typo, wrong form', () => {
      assert.deepEqual(errors('path.lowerAscii() == ""'), ['kfl/unknown-function: `lowerAscii` is a CEL extension function; KFL2 does not support it.']);
      assert.deepEqual(errors('path.startswith("a")'), ['kfl/unknown-function: Unknown function `startswith`. Did you mean `startsWith`?']);
      assert.deepEqual(errors('contains(path, "a")'), ['kfl/unknown-function: `contains` is called as a method: `x.contains(…)`.']);
      assert.deepEqual(errors('local_labels.map_get("a", "") == ""'), ['kfl/unknown-function: `map_get` is not a method; call it as `map_get(…)`.']);
      assert.deepEqual(errors('exists(dns_questions, q, true)'), ['kfl/unknown-function: `exists` is called as a method: `x.exists(…)`.']);
      assert.deepEqual(errors('foo(1)'), ['kfl/unknown-function: Unknown function `foo`.']);
    });

    it('has() needs a selection on an object or map', () => {
      assert.deepEqual(errors('has(path)'), ['kfl/type-mismatch: `has` needs a field selection such as `has(x.f)`.']);
      assert.deepEqual(errors('has(path.x)'), ['kfl/type-mismatch: `has` tests fields of objects and keys of maps; `path` is `string`.']);
      assert.deepEqual(errors('has(src.nope)'), ['kfl/unknown-field: `src` has no field `nope`.']);
      ok('has(src.pod.name)');
    });

    it('a mistake is reported once, not again by every enclosing expression', () => {
      assert.deepEqual(codes('foo == 1 && bar'), ['kfl/unknown-field', 'kfl/unknown-field']);
      assert.deepEqual(codes('foo.bar.baz.startsWith("a") || size(foo) > 1'), ['kfl/unknown-field', 'kfl/unknown-field']);
      assert.deepEqual(codes('(foo ? 1 : 2) + 3 > 0'), ['kfl/unknown-field']);
      assert.deepEqual(codes('[foo, 1] == [1]'), ['kfl/unknown-field']);
      assert.deepEqual(codes('status_code == && http'), ['kfl/unexpected-token']);
    });

    it('names that look like object members still need to exist', () => {
      assert.deepEqual(codes('src.pod.uid == "x"'), ['kfl/unknown-field']);
      assert.deepEqual(codes('__proto__ == "x"'), ['kfl/unknown-field']);
      assert.deepEqual(codes('src.constructor == "x"'), ['kfl/unknown-field']);
    });
  });

  describe('schema extension (what a Hub pushes)', () => {
    it('accepts added fields, including under existing objects', () => {
      const schema = extendSchema(defaultSchema, [
        { path: 'src.pod.uid', type: 'string', protocol: 'k8s', description: 'pod uid' },
        { path: 'grpc_service', type: 'string', protocol: 'gRPC', description: 'service' },
        { path: 'tenant.id', type: 'int', protocol: 'custom', description: 'tenant' },
      ]);
      assert.deepEqual(analyze('src.pod.uid == "x" && grpc_service != "" && tenant.id > 0', { schema }).diagnostics, []);
      assert.equal(defaultSchema.field('grpc_service'), undefined, 'the default schema is unchanged');
    });

    it('skips hostile or malformed specs instead of failing', () => {
      const schema = extendSchema(defaultSchema, [
        { path: '__proto__', type: 'string', protocol: 'x', description: 'x' },
        { path: 'a..b', type: 'string', protocol: 'x', description: 'x' },
        { path: 'if', type: 'string', protocol: 'x', description: 'x' },
        { path: 'status_code.sub', type: 'string', protocol: 'x', description: 'x' },
        { path: 'weird', type: 'list(list(list(list(list(list(list(list(list(list(int))))))))))', protocol: 'x', description: 'x' },
        { path: 'bad_type', type: 'integer', protocol: 'x', description: 'x' },
        { path: 'ok_map', type: 'map(string, int)', protocol: 'x', description: 'x' },
        { path: 7, type: null, protocol: 'x', description: 'x' } as never,
      ]);
      assert.equal(schema.field('__proto__')?.type.kind, 'string');
      assert.deepEqual(['a..b', 'if', 'status_code.sub', 'weird', 'bad_type'].map((p) => schema.field(p)), [undefined, undefined, undefined, undefined, undefined]);
      assert.equal(formatType(schema.field('ok_map')!.type), 'map(string, int)');
      assert.equal(formatType(schema.field('status_code')!.type), 'int');
    });
  });
});
