// The client's error mapping (§2.3), redirects and retries against a fault injector: each answer
// the local Hub cannot produce is produced here, and every assertion names the kind and text the
// person would see.
import assert from 'node:assert/strict';
import { checkHub, type HubStatus, lackedCapabilities } from '../../extension/client/check';
import { CORE_TOOLS } from '../../extension/client/descriptor';
import { HubClient, type HubClientOptions } from '../../extension/client/hubClient';
import { MemoryLogger } from '../support/memoryLogger';
import { FaultServer, json, text, toolWith } from './support/faultServer';
import { isHubError } from '../../extension/client/errors';
import { hubRejection } from './support/hubErrors';

const TOOLS = [
  toolWith('list_snapshots', {}),
  toolWith('get_snapshot', { id: { type: 'string' } }, ['id']),
  toolWith('create_snapshot', { name: { type: 'string' } }),
  toolWith('delete_snapshot', { id: { type: 'string' } }, ['id']),
];
const CALL = '/api/mcp/tools/call';
const TOKEN = 'secret-token-value';


describe('hub client against a fault injector', () => {
  let hub: FaultServer;
  let other: FaultServer;
  let delays: number[];
  let log: MemoryLogger;
  const client = (options: Partial<HubClientOptions> = {}): HubClient => new HubClient({
    baseUrl: hub.url, credentials: () => ({ token: TOKEN }), log, delay: async (ms) => { delays.push(ms); }, ...options,
  });

  beforeEach(async () => {
    hub = await FaultServer.start(TOOLS);
    other = await FaultServer.start(TOOLS);
    delays = [];
    log = new MemoryLogger();
  });
  afterEach(async () => {
    await hub.close();
    await other.close();
  });

  it('unreachable: nothing listens at the base URL', async () => {
    const closed = await FaultServer.start();
    const url = closed.url;
    await closed.close();
    const error = await hubRejection(new HubClient({ baseUrl: url, credentials: () => ({}), log }).echo());
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, new RegExp(`^No Hub at ${url}\\. Is \`kubeshark proxy\` running\\? \\(ECONNREFUSED\\)`));
  });

  it('auth_required on 401', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'missing token' } }));
    const error = await hubRejection(client().callTool('list_snapshots', {}));
    assert.equal(error.kind, 'auth_required');
    assert.equal(error.message, 'The Hub needs authentication');
    assert.equal(hub.requestsTo('POST', CALL).length, 1, 'not retried');
  });

  for (const status of [302, 303]) {
    it(`auth_required on ${status}, without following it (the SSO page never sees the token)`, async () => {
      hub.on('GET', '/api/mcp', (_q, res) => text(res, status, '', { location: `${other.url}/login` }));
      const error = await hubRejection(client().descriptor());
      assert.equal(error.kind, 'auth_required');
      assert.equal(other.requests.length, 0);
    });
  }

  it('follows 307/308 on the same origin with the token, refuses a redirect to another origin', async () => {
    hub.on('GET', '/api/mcp', (_q, res) => text(res, 307, '', { location: '/moved/api/mcp' }));
    hub.on('GET', '/moved/api/mcp', (_q, res) => json(res, 200, { name: 'moved', tools: [] }));
    assert.equal((await client().descriptor()).name, 'moved');
    assert.equal(hub.requestsTo('GET', '/moved/api/mcp')[0]?.headers['x-kubeshark-authorization'], TOKEN);

    hub.on('GET', '/api/mcp', (_q, res) => text(res, 308, '', { location: `${other.url}/api/mcp` }));
    const error = await hubRejection(client().descriptor({ refresh: true }));
    assert.equal(error.kind, 'refused');
    assert.match(error.message, /redirected to another origin/);
    assert.equal(other.requests.length, 0, 'the other origin saw nothing, so no token either');
  });

  it('forbidden on 403, naming the capability the tool needs', async () => {
    hub.on('POST', CALL, (_q, res) => text(res, 403, 'role viewer'));
    const error = await hubRejection(client().callTool('delete_snapshot', { id: 'x' }));
    assert.equal(error.kind, 'forbidden');
    assert.equal(error.message, 'Your role lacks `snapshot:write` (role viewer)');
  });

  it('not_a_hub on 404 for /api/mcp; unsupported_hub for a descriptor without tools; bad_response for non-JSON', async () => {
    hub.on('GET', '/api/mcp', (_q, res) => text(res, 404, 'Cannot GET'), (_q, res) => json(res, 200, { name: 'old', endpoints: [] }), (_q, res) => text(res, 200, '<html>login</html>'));
    const notHub = await hubRejection(client().descriptor());
    assert.equal(notHub.kind, 'not_a_hub');
    assert.equal(notHub.message, `${hub.url} does not serve the Hub API`);
    assert.equal((await hubRejection(client().descriptor())).kind, 'unsupported_hub');
    const bad = await hubRejection(client().descriptor());
    assert.equal(bad.kind, 'bad_response');
    assert.match(bad.message, /<html>login<\/html>/);
  });

  it('tool_unavailable on 404 for tools/call: the descriptor is read again once', async () => {
    hub.on('GET', '/api/mcp', (_q, res) => json(res, 200, { name: 'h', tools: TOOLS }), (_q, res) => json(res, 200, { name: 'h', tools: TOOLS.slice(1) }));
    hub.on('POST', CALL, (_q, res) => text(res, 404, 'no such tool'));
    const c = client();
    const error = await hubRejection(c.callTool('list_snapshots', {}));
    assert.equal(error.kind, 'tool_unavailable');
    assert.equal(error.message, 'The Hub no longer offers `list_snapshots`');
    assert.equal(hub.requestsTo('GET', '/api/mcp').length, 2);
    // Now the descriptor says so: no request at all.
    const absent = await hubRejection(c.callTool('list_snapshots', {}));
    assert.equal(absent.message, 'This Hub does not offer `list_snapshots`');
    assert.equal(hub.requestsTo('POST', CALL).length, 1);
  });

  it('not_found when the Hub names a missing object (Local NOT_FOUND)', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 404, { error: { code: 'NOT_FOUND', message: "snapshot 'x' not found" } }));
    const error = await hubRejection(client().callTool('get_snapshot', { id: 'x' }));
    assert.equal(error.kind, 'not_found');
    assert.equal(error.message, "snapshot 'x' not found");
  });

  it('invalid_arguments (400/422): the body verbatim, with the Local code and offset', async () => {
    hub.on('POST', CALL,
      (_q, res) => json(res, 400, { error: { code: 'BPF_SYNTAX', message: "unexpected 'hots' at 0", details: { offset: 0 } } }),
      (_q, res) => text(res, 422, 'limit must be <= 1000'));
    const bpf = await hubRejection(client().callTool('list_snapshots', {}));
    assert.deepEqual([bpf.kind, bpf.message, bpf.code, bpf.offset], ['invalid_arguments', "unexpected 'hots' at 0", 'BPF_SYNTAX', 0]);
    const plain = await hubRejection(client().callTool('list_snapshots', {}));
    assert.deepEqual([plain.kind, plain.message, plain.cliText], ['invalid_arguments', 'limit must be <= 1000', 'Hub API error (422): limit must be <= 1000']);
  });

  it('conflict on 409', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 409, { error: { code: 'SNAPSHOT_NOT_READY', message: 'snapshot is in_progress' } }));
    const error = await hubRejection(client().callTool('delete_snapshot', { id: 'x' }));
    assert.deepEqual([error.kind, error.message, error.code], ['conflict', 'snapshot is in_progress', 'SNAPSHOT_NOT_READY']);
  });

  it('busy (429/502/503/504): read-only tools are retried twice, after 1 s and 3 s', async () => {
    hub.on('POST', CALL, (_q, res) => text(res, 503, 'busy'), (_q, res) => text(res, 429, 'slow down'), (_q, res) => json(res, 200, { snapshots: [] }));
    const retries: string[] = [];
    const result = await client().callTool('list_snapshots', {}, { onRetry: (e, ms) => retries.push(`${e.kind} ${ms}`) });
    assert.deepEqual(result, { snapshots: [] });
    assert.deepEqual(delays, [1000, 3000]);
    assert.deepEqual(retries, ['busy 1000', 'busy 3000']);

    hub.on('POST', CALL, (_q, res) => text(res, 502, 'bad gateway'));
    delays = [];
    const error = await hubRejection(client().callTool('list_snapshots', {}));
    assert.deepEqual([error.kind, error.message], ['busy', 'Hub busy (502): bad gateway']);
    assert.deepEqual(delays, [1000, 3000]);
  });

  it('mutating tools are never retried', async () => {
    hub.on('POST', CALL, (_q, res) => text(res, 504, 'gateway timeout'));
    const error = await hubRejection(client().callTool('create_snapshot', {}));
    assert.equal(error.kind, 'busy');
    assert.deepEqual(delays, []);
    assert.equal(hub.requestsTo('POST', CALL).length, 1);
  });

  it('hub_error (other 5xx): one retry after 1 s, then "Hub error (<status>)" with the body', async () => {
    hub.on('POST', CALL, (_q, res) => text(res, 500, 'panic: nil map'));
    const error = await hubRejection(client().callTool('get_snapshot', { id: 'x' }));
    assert.deepEqual([error.kind, error.message, error.status], ['hub_error', 'Hub error (500): panic: nil map', 500]);
    assert.deepEqual(delays, [1000]);
    assert.equal(hub.requestsTo('POST', CALL).length, 2);
  });

  it('bad_response for a 2xx that is not JSON (first 200 characters)', async () => {
    hub.on('POST', CALL, (_q, res) => text(res, 200, `oops ${'x'.repeat(500)}`));
    const error = await hubRejection(client().callTool('list_snapshots', {}));
    assert.equal(error.kind, 'bad_response');
    assert.equal(error.message, `The Hub's answer to list_snapshots is not JSON: oops ${'x'.repeat(195)}`);
  });

  it('tool_error for success:false or a bare error string; an error next to the expected keys is kept', async () => {
    hub.on('POST', CALL,
      (_q, res) => json(res, 200, { success: false, error: 'cloud not configured' }),
      (_q, res) => json(res, 200, { error: 'no raw capture' }),
      (_q, res) => json(res, 200, { snapshots: [], error: 'one node unreachable' }));
    assert.deepEqual(await hubRejection(client().callTool('list_snapshots', {})).then((e) => [e.kind, e.message]), ['tool_error', 'cloud not configured']);
    assert.deepEqual(await hubRejection(client().callTool('list_snapshots', {})).then((e) => [e.kind, e.message]), ['tool_error', 'no raw capture']);
    assert.deepEqual(await client().callTool('list_snapshots', {}), { snapshots: [], error: 'one node unreachable' });
  });

  it('unwraps an MCP content envelope', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 200, { content: [{ type: 'text', text: '{"snapshots":[{"id":"a","name":"n","status":"completed"}]}' }] }));
    assert.deepEqual(await client().callTool('list_snapshots', {}), { snapshots: [{ id: 'a', name: 'n', status: 'completed' }] });
  });

  it('timeout: no answer within the request timeout; read-only tools get one more try', async () => {
    hub.on('POST', CALL, () => undefined);
    const error = await hubRejection(client({ requestTimeoutMs: 80 }).callTool('list_snapshots', {}));
    assert.deepEqual([error.kind, error.message], ['timeout', 'The Hub did not answer in 0.1 s']);
    assert.equal(hub.requestsTo('POST', CALL).length, 2);
    assert.deepEqual(delays, [0]);
  });

  it('cancellation aborts the request on the wire', async () => {
    const controller = new AbortController();
    hub.on('POST', CALL, () => controller.abort());
    const abandoned = hub.nextAbandonedRequest();
    const error = await hubRejection(client().callTool('list_snapshots', {}, { signal: controller.signal }));
    assert.equal(error.kind, 'cancelled');
    await abandoned;
    assert.deepEqual(delays, [], 'a cancelled call is not retried');
  });

  it('sends X-Kubeshark-Capture: ignore always, the token when there is one, License-Key only without a token', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 200, { snapshots: [] }));
    await client().callTool('list_snapshots', {});
    await client({ credentials: () => ({ licenseKey: 'lic' }) }).callTool('list_snapshots', {});
    await client({ credentials: () => ({ token: TOKEN, licenseKey: 'lic' }) }).descriptor();
    for (const r of hub.requests) assert.equal(r.headers['x-kubeshark-capture'], 'ignore', `${r.method} ${r.path}`);
    const [withToken, withLicense] = hub.requestsTo('POST', CALL);
    assert.equal(withToken?.headers['x-kubeshark-authorization'], TOKEN);
    assert.equal(withToken?.headers['license-key'], undefined);
    assert.equal(withLicense?.headers['x-kubeshark-authorization'], undefined);
    assert.equal(withLicense?.headers['license-key'], 'lic');
    assert.equal(hub.requests.at(-1)?.headers['license-key'], undefined);
    assert.deepEqual(JSON.parse(withToken?.body ?? ''), { name: 'list_snapshots', arguments: {} });
  });

  it('keeps the descriptor for 5 minutes', async () => {
    let now = 0;
    const c = client({ now: () => now });
    await c.descriptor();
    now = 299_999;
    await c.descriptor();
    assert.equal(hub.requestsTo('GET', '/api/mcp').length, 1);
    now = 300_000;
    await c.descriptor();
    assert.equal(hub.requestsTo('GET', '/api/mcp').length, 2);
  });

  it('refuses, without a request, a tool whose capability whoami says the role lacks (§1.4)', async () => {
    hub.on('GET', '/api/whoami', (_q, res) => json(res, 200, { role: 'viewer', capabilities: ['snapshot:read'] }));
    hub.on('POST', CALL, (_q, res) => json(res, 200, { snapshots: [] }));
    const c = client();
    assert.deepEqual(await c.capabilities(), ['snapshot:read']);
    await c.callTool('list_snapshots', {});
    const error = await hubRejection(c.callTool('create_snapshot', { name: 'x' }));
    assert.deepEqual([error.kind, error.message], ['forbidden', 'Your role lacks `snapshot:write`']);
    assert.equal(hub.requestsTo('POST', CALL).length, 1);
  });

  it('asks for required properties a feature cannot fill (§2.4 rule 4), and stops when declined', async () => {
    const tool = toolWith('list_snapshots', { tenant: { type: 'string' } }, ['tenant']);
    hub.on('GET', '/api/mcp', (_q, res) => json(res, 200, { name: 'h', tools: [tool] }));
    hub.on('POST', CALL, (_q, res) => json(res, 200, { snapshots: [] }));
    const asked: string[][] = [];
    await client({ fillRequired: async (_t, missing) => { asked.push([...missing]); return { tenant: 'acme' }; } }).call('list_snapshots', {});
    assert.deepEqual(asked, [['tenant']]);
    assert.deepEqual(JSON.parse(hub.requestsTo('POST', CALL)[0]!.body), { name: 'list_snapshots', arguments: { tenant: 'acme' } });
    assert.equal((await hubRejection(client({ fillRequired: async () => undefined }).call('list_snapshots', {}))).kind, 'cancelled');
    assert.equal((await hubRejection(client().call('list_snapshots', {}))).kind, 'invalid_arguments');
    assert.equal(hub.requestsTo('POST', CALL).length, 1);
  });

  it('recognises a HubError from another bundle by its shape', () => {
    const foreign = Object.assign(new Error('x'), { name: 'HubError', kind: 'timeout' });
    assert.equal(isHubError(foreign, 'timeout'), true);
    assert.equal(isHubError(foreign, 'busy'), false);
    assert.equal(isHubError(Object.assign(new Error('x'), { kind: 'timeout' })), false);
  });

  it('logs method, tool, status and milliseconds, never the token', async () => {
    hub.on('POST', CALL, (_q, res) => json(res, 200, { snapshots: [] }));
    await client().callTool('list_snapshots', {});
    assert.ok(log.lines.some((l) => /^info tools\/call list_snapshots 200 \d+ ms$/.test(l)), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => /^info GET \/mcp 200 \d+ ms$/.test(l)));
    assert.ok(!log.lines.join('\n').includes(TOKEN));
  });
});

describe('Check Hub (§5.1) against a fault injector', () => {
  let hub: FaultServer;
  afterEach(async () => {
    await hub.close();
  });
  const check = (): Promise<HubStatus> => checkHub(new HubClient({ baseUrl: hub.url, credentials: () => ({}), log: new MemoryLogger() }), { auth: 'none', now: () => 42 });

  it('is ok with every core tool, degraded naming the missing ones', async () => {
    hub = await FaultServer.start(CORE_TOOLS.map((t) => toolWith(t, {})));
    assert.deepEqual(await check().then((s) => [s.state, s.toolCount, s.missingCoreTools, s.checkedAt]), ['ok', 6, [], 42]);
    hub.on('GET', '/api/mcp', (_q, res) => json(res, 200, { name: 'h', version: '52.3', tools: [toolWith('list_snapshots', {})] }));
    const degraded = await check();
    assert.equal(degraded.state, 'degraded');
    assert.deepEqual(degraded.missingCoreTools, CORE_TOOLS.filter((t) => t !== 'list_snapshots'));
    assert.deepEqual(degraded.hub, { name: 'h', version: '52.3' });
  });

  it('reads live dissection and capabilities when offered', async () => {
    hub = await FaultServer.start([...CORE_TOOLS.map((t) => toolWith(t, {})), toolWith('get_l7_data_boundaries', {})]);
    hub.on('POST', '/api/mcp/tools/call', (_q, res) => json(res, 200, { dissection_enabled: false, cluster: {}, nodes: [] }));
    hub.on('GET', '/api/whoami', (_q, res) => json(res, 200, { role: 'viewer', capabilities: ['snapshot:read'] }));
    const status = await check();
    assert.equal(status.dissectionEnabled, false);
    assert.deepEqual(status.capabilities, ['snapshot:read']);
    // What the Hub node's tooltip names and the menus grey out.
    assert.deepEqual(lackedCapabilities(status), ['snapshot:write', 'snapshot:dissection']);
    assert.deepEqual(lackedCapabilities({ ...status, capabilities: undefined }), [], 'whoami silent: everything allowed');
  });

  it('turns failures into states: unreachable, auth_required, not_a_hub, unsupported_hub', async () => {
    hub = await FaultServer.start();
    hub.on('GET', '/api/echo', (_q, res) => text(res, 502, 'bad gateway'));
    assert.equal((await check()).state, 'unreachable');
    hub.on('GET', '/api/echo', (_q, res) => text(res, 302, '', { location: '/sso' }));
    assert.equal((await check()).state, 'auth_required');
    hub.on('GET', '/api/echo', (_q, res) => json(res, 200, {}));
    hub.on('GET', '/api/mcp', (_q, res) => text(res, 404, 'no'));
    assert.equal((await check()).state, 'not_a_hub');
    hub.on('GET', '/api/mcp', (_q, res) => json(res, 200, { name: 'old', endpoints: [] }));
    const old = await check();
    assert.equal(old.state, 'unsupported_hub');
    assert.match(old.error?.message ?? '', /Unsupported Hub version/);
  });
});
