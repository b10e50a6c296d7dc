// Downloads (§2.6): streamed into a temporary file next to the destination and renamed only when
// complete; on cancel, a dead Hub, an idle stall or a refused path nothing is left behind.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubClient } from '../../extension/client/hubClient';
import { LocalHubProcess } from '../../extension/client/localHub';
import { MemoryLogger } from '../support/memoryLogger';
import { dispositionName } from '../../extension/client/download';
import { SMALL_PCAP, writeRepeatedCapture } from '../support/captures';
import { FaultServer } from './support/faultServer';
import { CLI, startTestHub, type TestHub } from './support/localHub';
import { hubRejection } from './support/hubErrors';


describe('downloads', function () {
  this.timeout(60_000);
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'ext-download-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const nothingLeft = (): void => assert.deepEqual(readdirSync(folder), [], 'no file and no partial file');

  describe('from a fault injector', () => {
    let hub: FaultServer;
    let client: HubClient;
    beforeEach(async () => {
      hub = await FaultServer.start();
      client = new HubClient({ baseUrl: hub.url, credentials: () => ({ token: 't' }), log: new MemoryLogger() });
    });
    afterEach(async () => {
      await client.dispose();
      await hub.close();
    });

    it('leaves no file when the Hub dies mid-download', async () => {
      hub.on('GET', '/api/mcp/x/pcap', (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.tcpdump.pcap', 'content-length': String(10 << 20) });
        res.write(Buffer.alloc(256 * 1024), () => hub.destroyConnections());
      });
      const error = await hubRejection(client.download('/mcp/x/pcap', path.join(folder, 'out.pcap')));
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /connection to the Hub .* was lost|ended after/);
      nothingLeft();
    });

    it('fails after the idle timeout when no byte arrives, leaving nothing', async () => {
      hub.on('GET', '/api/mcp/x/pcap', (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.tcpdump.pcap' });
        res.write(Buffer.alloc(1000));
      });
      const error = await hubRejection(client.download('/mcp/x/pcap', path.join(folder, 'out.pcap'), { idleTimeoutMs: 80 }));
      assert.deepEqual([error.kind, error.message], ['timeout', 'The Hub did not answer in 0.1 s']);
      nothingLeft();
    });

    it('refuses paths that leave the Hub, without a request', async () => {
      for (const bad of ['//evil.example/x.pcap', '/mcp/../admin', 'https://evil.example/x']) {
        const error = await hubRejection(client.download(bad, path.join(folder, 'out.pcap')));
        assert.equal(error.kind, 'refused', bad);
      }
      assert.equal(hub.requests.length, 0);
      nothingLeft();
    });

    it('maps an error answer to its kind and writes nothing', async () => {
      hub.on('GET', '/api/mcp/x/pcap', (_q, res) => { res.writeHead(401); res.end(); });
      assert.equal((await hubRejection(client.download('/mcp/x/pcap', path.join(folder, 'out.pcap')))).kind, 'auth_required');
      nothingLeft();
    });

    it('reads the file name of Content-Disposition as a bare name', () => {
      assert.equal(dispositionName('attachment; filename="checkout-outage.pcap"'), 'checkout-outage.pcap');
      assert.equal(dispositionName("attachment; filename*=UTF-8''caf%C3%A9.pcap; filename=\"cafe.pcap\""), 'café.pcap');
      assert.equal(dispositionName('attachment; filename="../../etc/passwd"'), 'passwd');
      assert.equal(dispositionName('attachment; filename=".."'), undefined);
      assert.equal(dispositionName('inline'), undefined);
    });
  });

  describe('from a local Hub process', () => {
    let hub: TestHub;
    let exportPath: string;
    let bigSize: number;
    before(async () => {
      const big = path.join(mkdtempSync(path.join(tmpdir(), 'ext-big-')), 'big.pcap');
      // ~40 MB: more than the socket buffers hold, so the transfer is still running when it is cut.
      writeRepeatedCapture(SMALL_PCAP, big, 36);
      bigSize = readFileSync(big).length;
      hub = await startTestHub({ files: [big] });
      rmSync(path.dirname(big), { recursive: true, force: true });
      const { value } = await hub.tools.createSnapshot({ name: 'big' });
      for (let s = await hub.tools.getSnapshot(value.key); s.status === 'in_progress'; s = await hub.tools.getSnapshot(value.key)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      exportPath = (await hub.tools.exportPcap({ snapshot: value.key })).value.path;
    });
    after(async () => {
      await hub?.stop();
    });

    it('streams a large export completely, with progress from bytes received', async () => {
      const destination = path.join(folder, 'big.pcap');
      let updates = 0;
      const result = await hub.client.download(exportPath, destination, { onProgress: () => updates++ });
      assert.equal(result.bytes, bigSize);
      assert.equal(readFileSync(destination).length, bigSize);
      assert.ok(updates > 10, `${updates} progress updates`);
      assert.deepEqual(readdirSync(folder), ['big.pcap']);
    });

    it('cancels mid-download and leaves nothing', async () => {
      const controller = new AbortController();
      const error = await hubRejection(hub.client.download(exportPath, path.join(folder, 'out.pcap'), {
        signal: controller.signal,
        onProgress: (p) => { if (p.received > 1 << 20) controller.abort(); },
      }));
      assert.equal(error.kind, 'cancelled');
      nothingLeft();
    });

    it('leaves nothing when the Hub process is killed mid-download', async () => {
      let killed = false;
      const error = await hubRejection(hub.client.download(exportPath, path.join(folder, 'out.pcap'), {
        onProgress: (p) => {
          if (!killed && p.received > 1 << 20) {
            killed = true;
            process.kill(hub.process.pid!, 'SIGKILL');
          }
        },
      }));
      assert.ok(killed);
      assert.equal(error.kind, 'unreachable');
      nothingLeft();
      await hub.process.exited;
    });
  });
});

describe('local Hub process', () => {
  it('reports a start that fails, with what the Hub said', async () => {
    const missing = path.join(tmpdir(), 'no-such-captures-folder-for-ext-tests');
    assert.equal(existsSync(missing), false);
    await assert.rejects(
      LocalHubProcess.start({ cliPath: CLI, captures: missing, state: path.join(tmpdir(), 'unused-state'), log: new MemoryLogger() }),
      /exited \(code \d+\) before it was ready[\s\S]*--captures: no folder/,
    );
  });
});
