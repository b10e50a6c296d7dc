import assert from 'node:assert/strict';
import { normaliseBaseUrl, resolveDownloadPath } from '../../extension/client/baseUrl';

describe('hub base URL', () => {
  it('normalises trailing slashes and a pasted /api, keeping a front base path', () => {
    const cases: [string, string][] = [
      ['http://127.0.0.1:8899', 'http://127.0.0.1:8899'],
      ['http://127.0.0.1:8899/', 'http://127.0.0.1:8899'],
      ['  http://127.0.0.1:8899/api/ ', 'http://127.0.0.1:8899'],
      ['https://Hub.Example.com/kubeshark/api', 'https://hub.example.com/kubeshark'],
      ['https://hub.example.com:443/kubeshark//', 'https://hub.example.com/kubeshark'],
    ];
    for (const [input, expected] of cases) assert.deepEqual(normaliseBaseUrl(input), { ok: true, baseUrl: expected }, input);
  });

  it('refuses what is not an http(s) Hub URL, with a reason', () => {
    for (const input of ['', 'localhost:8899', 'ftp://x', 'http://user:pw@hub', 'http://hub/?a=1', 'http://hub/#x']) {
      const result = normaliseBaseUrl(input);
      assert.equal(result.ok, false, input);
      assert.ok(!result.ok && result.message.length > 0);
    }
  });

  it('accepts download paths on the Hub and refuses escapes (§2.6)', () => {
    const base = 'http://127.0.0.1:8899/front';
    assert.deepEqual(resolveDownloadPath(base, '/mcp/snapshots/abc/pcap?bpf_filter=host%2010.0.0.1'),
      { ok: true, url: 'http://127.0.0.1:8899/front/api/mcp/snapshots/abc/pcap?bpf_filter=host%2010.0.0.1' });
    for (const bad of ['mcp/x', '//evil.example/x', '/mcp/../../etc/passwd', '/mcp/%2e%2e/x', '/mcp/%2E%2E/x', '/mcp/a%2fb', 'http://evil/x', '/mcp/x\\y', '/mcp/%zz']) {
      assert.equal(resolveDownloadPath(base, bad).ok, false, bad);
    }
  });
});
