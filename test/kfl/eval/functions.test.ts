// Functions and conversions: string tests, size in code points, RE2 `matches` inside filters,
// bool()/int()/uint()/double()/string()/bytes()/timestamp()/duration()/type()/dyn(), type names.
import { expectAll } from './support';

describe('kfl/eval functions', () => {
  it('string tests are case-sensitive and work on missing fields', () => {
    expectAll([
      ['path.contains("/api")', true],
      ['path.contains("/API")', false],
      ['path.startsWith("/api/v1/")', true],
      ['path.endsWith("/orders")', true],
      ['url.startsWith("")', true],
      ['url.contains("x")', false],
      ['path.startsWith(method)', false],
      ['method.startsWith(method)', true],
    ], { path: '/api/v1/orders', method: 'POST' });
  });

  it('size counts code points, octets and elements', () => {
    expectAll([
      ['size("héllo") == 5', true],
      ['size("😀😀") == 2', true],
      ['"😀".size() == 1', true],
      ['size(b"\\xff\\x00") == 2', true],
      ['size(tcp_payload) == 3 && tcp_payload.size() < 64', true],
      ['size(dns_questions) > 1', true],
      ['size(request.headers) == 1', true],
      ['size({}) == 0', true],
    ], { tcp_payload: new Uint8Array([1, 2, 3]), dns_questions: ['a', 'b'], request: { headers: { a: 'b' } } });
  });

  it('matches is an unanchored RE2 search', () => {
    const record = { path: '/api/v12/users/42', dns_questions: ['ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456.evil.com'], url: '/Ünïcode' };
    expectAll([
      ['path.matches("users")', true],
      ['path.matches("^users")', false],
      ['path.matches(r"^/api/v\\d+/")', true],
      ['path.matches("^/api/v\\\\d+/")', true],
      ['path.matches("^/api/v[0-9]+/users/[0-9]+$")', true],
      ['matches(path, "/[0-9]+$")', true],
      ['dns_questions.exists(q, q.matches("(?i)^[a-z0-9]{32,}\\\\."))', true],
      ['dns_questions.exists(q, q.matches("^[a-z0-9]{32,}\\\\."))', false],
      ['url.matches("^/\\\\pL+$")', true],
      ['url.matches("^/[[:alpha:]]+$")', false],
      ['path.matches("42\\\\z")', true],
      ['path.matches(method)', true],
    ], record);
  });

  it('a pattern taken from the record is checked when evaluated: invalid means an error', () => {
    expectAll([
      ['path.matches(method)', 'error'],
      ['path.matches(method) || true', true],
    ], { path: '/a', method: '(?<=x)y' });
  });

  it('converts between types with range checks', () => {
    expectAll([
      ['int("42") == 42', true],
      ['int("-9223372036854775808") < 0', true],
      ['int("9223372036854775808") > 0', 'error'],
      ['int("4x") == 4', 'error'],
      ['int(2.9) == 2 && int(-2.9) == -2', true],
      ['int(1e19) > 0', 'error'],
      ['int(42u) == 42', true],
      ['int(18446744073709551615u) > 0', 'error'],
      ['uint(42) == 42u', true],
      ['uint(-1) == 0u', 'error'],
      ['uint("18446744073709551615") == 18446744073709551615u', true],
      ['double(1) == 1.0 && double("2.5") == 2.5 && double(3u) == 3.0', true],
      ['string(42) == "42" && string(-1) == "-1" && string(7u) == "7"', true],
      ['string(1.5) == "1.5" && string(1e21) == "1e+21" && string(0.00001) == "1e-05"', true],
      ['string(true) == "true"', true],
      ['string(b"\\xc3\\xbf") == "ÿ"', true],
      ['string(b"\\xff") == ""', 'error'],
      ['bytes("ÿ") == b"\\xc3\\xbf"', true],
      ['string(timestamp("2026-03-14T17:00:00.120Z")) == "2026-03-14T17:00:00.12Z"', true],
      ['string(duration("1h1.5s")) == "3601.5s"', true],
      ['int(timestamp("2009-02-13T23:31:30Z")) == 1234567890', true],
    ]);
  });

  it('converts ints to and from timestamps (Unix seconds) and durations (nanoseconds), as cel-go does', () => {
    expectAll([
      ['timestamp(1234567890) == timestamp("2009-02-13T23:31:30Z")', true],
      ['timestamp(-62135596800) == timestamp("0001-01-01T00:00:00Z")', true],
      ['timestamp(-elapsed_time - 62135596801) < now()', 'error'],
      ['timestamp(elapsed_time + 253402300800) > now()', 'error'],
      ['timestamp(elapsed_time + 9223372036854775807) > now()', 'error'],
      ['int(timestamp(-1)) == -1', true],
      ['duration(1500000000) == duration("1.5s")', true],
      ['duration(-9223372036854775808) < duration("0s")', true],
      ['int(duration("-1.5s")) == -1500000000', true],
      ['int(duration("2562047h47m16.854775807s")) == 9223372036854775807', true],
      ['timestamp(timestamp) == timestamp && duration(duration("1m")) == duration("60s")', true],
    ], { timestamp: 1_700_000_000_000 });
  });

  it('converts strings to bool with Go\'s spellings only', () => {
    expectAll([
      ['bool("true") && bool("TRUE") && bool("True") && bool("t") && bool("T") && bool("1")', true],
      ['bool("false") || bool("FALSE") || bool("False") || bool("f") || bool("F") || bool("0")', false],
      ['bool("TrUe")', 'error'],
      ['bool("yes")', 'error'],
      ['bool(http) == http', true],
    ], { http: true });
  });

  it('type() names the runtime type; dyn() defers checks to run time', () => {
    expectAll([
      ['type(1) == type(2)', true],
      ['type("a") == type(path)', true],
      ['type(dyn(1)) == type(dyn(2))', true],
      ['dyn(1) == 1', true],
      ['dyn(1u) == 1u', true],
      ['dyn(2) < 3', true],
      ['dyn(2) + 1 == 3', true],
      ['dyn("a") + 1 == 2', 'error'],
      ['dyn([1, 2])[1] == 2', true],
    ], { path: '/x' });
  });

  it('type names are type values; values of any two types compare', () => {
    expectAll([
      ['type(1) == int && type(1u) == uint && type(1.0) == double && type(true) == bool', true],
      ['type("a") == string && type(b"a") == bytes && type(null) == null_type', true],
      ['type([1]) == list && type({"a": 1}) == map && type(int) == type && type(type) == type', true],
      ['type(dns_questions) == list && type(request.headers) == map', true],
      ['type(7) == type(7u)', false],
      ['type(7) != type(7u) && int != uint', true],
      ['[int, string] == [int, string]', true],
      ['type(path) in [int, string]', true],
    ], { path: '/x' });
  });
});
