// Warnings, infos and hints: the conjunction guard rule of kfl/unsafe-index, header case,
// unconfirmed semantics, macro variables that shadow fields, identity hints and kfl/perf.
import assert from 'node:assert/strict';
import { analyze, applyEdits, type DiagnosticCode } from '../../kfl/index';

function has(text: string, code: DiagnosticCode): boolean {
  return analyze(text).diagnostics.some((d) => d.code === code);
}

function spans(text: string, code: DiagnosticCode): string[] {
  return analyze(text).diagnostics.filter((d) => d.code === code).map((d) => text.slice(d.start, d.end));
}

describe('lints', () => {
  describe('kfl/unsafe-index and the conjunction guard rule', () => {
    it('warns on a literal key of a map without fixed keys', () => {
      assert.deepEqual(spans('local_labels["app"] == "a"', 'kfl/unsafe-index'), ['local_labels["app"]']);
      assert.deepEqual(spans('request.headers.authorization == "a"', 'kfl/unsafe-index'), ['request.headers.authorization']);
    });

    it('is silent for a guard anywhere in an enclosing conjunction, before or after', () => {
      for (const text of [
        '"app" in local_labels && local_labels["app"] == "a"',
        'local_labels["app"] == "a" && "app" in local_labels',
        'http && "app" in local_labels && (dns || local_labels["app"] == "a")',
        '"app" in local_labels && dns_questions.exists(q, q == local_labels["app"])',
        'has(local_labels.app) && local_labels.app == "a"',
      ]) assert.equal(has(text, 'kfl/unsafe-index'), false, text);
    });

    it('a guard in a disjunction, under negation or on another map does not count', () => {
      for (const text of [
        '"app" in local_labels || local_labels["app"] == "a"',
        '!("app" in local_labels) && local_labels["app"] == "a"',
        '"app" in remote_labels && local_labels["app"] == "a"',
        '"version" in local_labels && local_labels["app"] == "a"',
      ]) assert.equal(has(text, 'kfl/unsafe-index'), true, text);
    });

    it('maps with fixed keys never warn for those keys', () => {
      assert.equal(has('capture["source"] == "ebpf" && node["ip"] != ""', 'kfl/unsafe-index'), false);
      assert.equal(has('capture["other"] == "x"', 'kfl/unsafe-index'), true);
    });

    it('is silent inside has() and for map_get', () => {
      assert.equal(has('has(local_labels.app)', 'kfl/unsafe-index'), false);
      assert.equal(has('map_get(local_labels, "app", "") == "a"', 'kfl/unsafe-index'), false);
    });

    it('offers map_get and a guard in front of the boolean term', () => {
      const text = 'http || !(local_labels["app"] == "a")';
      const diagnostic = analyze(text).diagnostics.find((d) => d.code === 'kfl/unsafe-index')!;
      assert.deepEqual(diagnostic.fixes.map((f) => applyEdits(text, f.edits)), [
        'http || !(map_get(local_labels, "app", "") == "a")',
        'http || "app" in local_labels && !(local_labels["app"] == "a")',
      ]);
    });

    it('guards the whole boolean term around a non-boolean use', () => {
      const text = 'size(local_labels["app"]) > 0';
      const diagnostic = analyze(text).diagnostics.find((d) => d.code === 'kfl/unsafe-index')!;
      assert.deepEqual(diagnostic.fixes.map((f) => applyEdits(text, f.edits)), ['size(map_get(local_labels, "app", "")) > 0', '"app" in local_labels && size(local_labels["app"]) > 0']);
    });
  });

  describe('kfl/header-case', () => {
    it('flags upper-case literal keys of header maps wherever a key is written', () => {
      assert.deepEqual(spans('"User-Agent" in request.headers', 'kfl/header-case'), ['"User-Agent"']);
      assert.deepEqual(spans('map_get(response.headers, "Content-Type", "") == ""', 'kfl/header-case'), ['"Content-Type"']);
      assert.deepEqual(spans('has(request.headers.Host)', 'kfl/header-case'), ['Host']);
      assert.deepEqual(spans('"Authorization" in request.headers && request.headers["Authorization"] == "x"', 'kfl/header-case'), ['"Authorization"', '"Authorization"']);
    });

    it('leaves other maps and lower-case keys alone', () => {
      assert.equal(has('"App" in local_labels && "x-id" in request.headers', 'kfl/header-case'), false);
    });

    it('a guard written with the original key still guards', () => {
      assert.equal(has('"Authorization" in request.headers && request.headers["Authorization"] == "x"', 'kfl/unsafe-index'), false);
    });
  });

  describe('kfl/unconfirmed', () => {
    it('grpc_status needs grpc in an enclosing conjunction', () => {
      assert.equal(has('grpc && grpc_status != 0', 'kfl/unconfirmed'), false);
      assert.equal(has('grpc && (grpc_status == 2 || grpc_status == 14)', 'kfl/unconfirmed'), false);
      assert.equal(has('grpc_status != 0 && grpc', 'kfl/unconfirmed'), false);
      assert.deepEqual(spans('grpc || grpc_status != 0', 'kfl/unconfirmed'), ['grpc_status']);
    });

    it('kafka_api_key compared with a number; the fix only for the wire numbers it knows', () => {
      const [zero] = analyze('kafka_api_key == 0').diagnostics;
      assert.equal(zero.fixes.length, 1);
      const [eight] = analyze('kafka_api_key == 8').diagnostics;
      assert.equal(eight.code, 'kfl/unconfirmed');
      assert.equal(eight.fixes.length, 0);
      assert.equal(has('kafka_api_key_name == "PRODUCE"', 'kfl/unconfirmed'), false);
    });
  });

  describe('kfl/shadow', () => {
    it('warns when a macro variable is named like a field', () => {
      assert.deepEqual(spans('dns_questions.exists(path, path == "a")', 'kfl/shadow'), ['path']);
      assert.equal(has('dns_questions.exists(q, q == "a")', 'kfl/shadow'), false);
    });

    it('the variable wins inside the macro', () => {
      const analysis = analyze('dns_questions.exists(path, path.endsWith(".local"))');
      assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['kfl/shadow']);
    });
  });

  describe('kfl/perf', () => {
    it('a protocol flag that is not the first term of its conjunction', () => {
      assert.deepEqual(spans('status_code == 500 && http', 'kfl/perf'), ['http']);
      assert.deepEqual(spans('unknown_name && http', 'kfl/perf'), [], 'not on top of an error');
      assert.deepEqual(spans('dst.port == 53 && udp && dns', 'kfl/perf'), ['udp']);
      assert.equal(has('http && status_code == 500', 'kfl/perf'), false);
      assert.equal(has('dns_response && dns', 'kfl/perf'), true);
    });

    it('matches with a plain anchored literal; the fix uses startsWith or endsWith', () => {
      const cases: [string, string][] = [
        ['path.matches("^/api/v1/")', 'path.startsWith("/api/v1/")'],
        ['path.matches(r"\\.js$")', 'path.endsWith(".js")'],
        ['matches(url, "^/health")', 'url.startsWith("/health")'],
      ];
      for (const [text, fixed] of cases) {
        const diagnostic = analyze(text).diagnostics.find((d) => d.code === 'kfl/perf')!;
        assert.equal(applyEdits(text, diagnostic.fixes[0].edits), fixed);
      }
      for (const text of ['path.matches("^/api/v[0-9]+")', 'path.matches("^/a$")', 'path.matches("api")', 'path.matches("(?i)^/api")', 'path.matches("^\\\\d")']) {
        assert.equal(has(text, 'kfl/perf'), false, text);
      }
    });
  });
});
