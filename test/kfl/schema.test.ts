// The schema table against the spec's field tables (§8–§9), and its invariants.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, defaultSchema, formatType } from '../../kfl/index';
import { SHARED_DIR } from '../support/paths';

describe('schema', () => {
  const specPath = path.join(SHARED_DIR, 'spec', 'kfl.md');

  it('has every field of spec §9 with the spec\'s type and protocol', function () {
    if (!existsSync(specPath)) this.skip();
    const spec = readFileSync(specPath, 'utf8');
    const section = spec.slice(spec.indexOf('## 9. Field table'), spec.indexOf('## 10.'));
    let count = 0;
    for (const [, names, type, protocol] of section.matchAll(/^\| (`[^|]+`) \| \**([a-z(), ]+?)\** \| ([^|]+?) \|/gm)) {
      for (const [, name] of names.matchAll(/`([^`]+)`/g)) {
        const field = defaultSchema.field(name);
        assert.ok(field, `${name} is in the schema`);
        assert.equal(formatType(field.type), type.trim(), name);
        assert.equal(field.protocol, protocol.trim(), name);
        count++;
      }
    }
    assert.ok(count > 170, `read ${count} fields from the spec`);
  });

  it('has the objects of spec §8 with their members', () => {
    for (const side of ['src', 'dst']) {
      assert.deepEqual(defaultSchema.members(side).map((f) => f.name).sort(), ['dns', 'ip', 'name', 'namespace', 'pod', 'port', 'service']);
      for (const inner of ['pod', 'service']) assert.deepEqual(defaultSchema.members(`${side}.${inner}`).map((f) => f.name).sort(), ['name', 'namespace']);
    }
    for (const side of ['request', 'response']) assert.deepEqual(defaultSchema.members(side).map((f) => `${f.name}:${formatType(f.type)}`).sort(), ['cookies:map(string, string)', 'headers:map(string, string)']);
  });

  it('knows the fixed keys of capture and node, and the lower-case header maps', () => {
    assert.deepEqual([defaultSchema.field('capture')!.keys, defaultSchema.field('capture')!.fixedKeys], [['source', 'backend'], true]);
    assert.deepEqual([defaultSchema.field('node')!.keys, defaultSchema.field('node')!.fixedKeys], [['name', 'ip'], true]);
    assert.ok(defaultSchema.field('request.headers')!.lowerCaseKeys && defaultSchema.field('response.headers')!.lowerCaseKeys);
  });

  it('documents every field: description and an example that is a valid filter using it', () => {
    for (const field of defaultSchema.fields) {
      assert.ok(field.description.length > 0, field.path);
      assert.ok(field.example, `${field.path} has an example`);
      const errors = analyze(field.example).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.code), [], `${field.path}: ${field.example}`);
      assert.ok(field.example.includes(field.path) || field.type.kind === 'object' || field.path === 'kafka_api_key', `${field.path}'s example uses it`);
    }
  });

  it('marks exactly the flags of §9.1 and §9.2', () => {
    const flags = defaultSchema.fields.filter((f) => f.flag).map((f) => f.path);
    assert.equal(flags.length, 27);
    assert.ok(flags.includes('http') && flags.includes('udp_flow') && !flags.includes('has_pcap'));
  });

  it('offers the known values the spec lists', () => {
    assert.ok(defaultSchema.field('method')!.values.includes('PATCH'));
    assert.deepEqual(defaultSchema.field('dns_question_types')!.values, ['A', 'AAAA', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'SRV', 'PTR', 'ANY']);
    assert.deepEqual(defaultSchema.field('capture_source')!.values, ['unspecified', 'af_packet', 'ebpf', 'ebpf_tls']);
  });
});
