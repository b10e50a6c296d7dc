// "Convert to KFL2" and code actions.
import assert from 'node:assert/strict';
import { analyze, applyEdits, codeActions, convertToKfl2 } from '../../../kfl/index';

describe('convertToKfl2', () => {
  it('applies every v1 fix at once (the spec\'s example)', () => {
    assert.deepEqual(convertToKfl2('http and response.status == 500 and request.path contains "/api"'), { text: 'http && status_code == 500 && path.contains("/api")', changed: true });
  });

  it('converts each v1 construct of spec §11.6', () => {
    const cases: [string, string][] = [
      ['dns or http', 'dns || http'],
      ['not http', '!http'],
      ['path == r"^/api/.*"', 'path.matches(r"^/api/.*")'],
      ['path != r"\\.js$"', '!path.matches(r"\\.js$")'],
      ['src.ns == "frontend"', 'src.pod.namespace == "frontend"'],
      ['http and limit(100)', 'http'],
      ['limit(100) and http', 'http'],
      ['src.name == nil', 'src.name == ""'],
      ['http2', '(http && http_version == "HTTP/2")'],
      ['timestamp > now() - hours(2)', 'timestamp > now() - duration("2h")'],
      ['not (http or dns) and request.method == "GET"', '!(http || dns) && method == "GET"'],
    ];
    for (const [v1, kfl2] of cases) {
      const converted = convertToKfl2(v1, { timeZone: 'UTC' });
      assert.equal(converted.text, kfl2, v1);
      assert.deepEqual(analyze(converted.text).diagnostics.filter((d) => d.severity === 'error'), [], kfl2);
    }
  });

  it('reads datetime() in the given zone', () => {
    assert.equal(convertToKfl2('timestamp > datetime("3/14/2026, 5:00:00 PM")', { timeZone: 'UTC' }).text, 'timestamp > timestamp("2026-03-14T17:00:00Z")');
    assert.equal(convertToKfl2('timestamp > datetime("3/14/2026, 10:30:00 PM")', { timeZone: 'Asia/Kolkata' }).text, 'timestamp > timestamp("2026-03-14T17:00:00Z")');
  });

  it('leaves KFL2 (and v1 it cannot fix, such as json()) unchanged', () => {
    assert.deepEqual(convertToKfl2('http && status_code == 500'), { text: 'http && status_code == 500', changed: false });
    assert.deepEqual(convertToKfl2('json() && http').changed, false);
  });
});

describe('codeActions', () => {
  it('returns the quick fixes of the diagnostics in the range', () => {
    const text = 'status_code == "500" && stauts_code == 1';
    const actions = codeActions(text, 16, 16);
    assert.deepEqual(actions.map((a) => [a.kind, a.title, applyEdits(text, a.edits)]), [['quickfix', 'Change to `500`', 'status_code == 500 && stauts_code == 1']]);
    assert.equal(actions[0].diagnostic?.code, 'kfl/type-mismatch');
    assert.equal(actions[0].preferred, true);
  });

  it('adds "Convert to KFL2" as a source action when the filter has v1 syntax', () => {
    const text = 'http and dns';
    const convert = codeActions(text, 0, 0).find((a) => a.kind === 'source')!;
    assert.equal(convert.title, 'Convert to KFL2');
    assert.equal(applyEdits(text, convert.edits), 'http && dns');
  });
});
