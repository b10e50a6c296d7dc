/**
 * Hostile and broken traffic: each bad stream is marked (a `tcp` entry with tcp_error_type and
 * tcp_error_message, `error` on its open calls), the rest of the capture is dissected, buffers
 * stay bounded, nothing hangs. Also random damage to a real capture's bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rawRecord } from '../../../hub/dissect/query/kflRecord';
import { RowView } from '../../../hub/dissect/query/rowView';
import { EntryKind } from '../../../hub/dissect/store/entryKind';
import { pcapFile } from '../support/captureFiles';
import { tempDir } from '../support/tools';
import { CAPTURES_DIR } from '../../support/paths';
import { Capture, httpGet } from './support/conversation';
import { dissectFiles } from './support/dissectFile';
import { dissectCapture, type SyntheticRun } from './support/synthetic';

const C = '10.1.0.1';
const S = '10.1.0.2';

/** The marked streams of a run: [tcp_error_type, tcp_error_message]. */
function streamErrors(run: SyntheticRun): [string, string][] {
  const view = new RowView(run.result.store);
  const out: [string, string][] = [];
  for (let row = 0; row < run.result.store.rows; row++) {
    if (view.kind(row) !== EntryKind.Tcp) continue;
    const r = rawRecord(view, row);
    out.push([r.tcp_error_type as string, r.tcp_error_message as string]);
  }
  return out;
}

/** A capture with one good HTTP exchange plus whatever `bad` adds. */
async function withGoodCall(bad: (cap: Capture) => void): Promise<SyntheticRun> {
  const cap = new Capture();
  bad(cap);
  const { request, response } = httpGet('/still-dissected');
  cap.tcp('10.9.9.9', 45000, '10.9.9.8', 8080).handshake().send(true, request).send(false, response).close();
  return dissectCapture(cap);
}

function assertGoodCall(run: SyntheticRun): void {
  assert.ok(run.calls.some((c) => c.url === '/still-dissected' && c.status === 200), 'the rest of the capture is dissected');
}

describe('bad input', function () {
  this.timeout(60_000);

  it('HTTP: a bad chunk size marks the stream and the call', async () => {
    const run = await withGoodCall((cap) => {
      cap.tcp(C, 41000, S, 80).handshake().send(true, 'GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n')
        .send(false, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZZ\r\nmore\r\n0\r\n\r\n').close();
    });
    try {
      assertGoodCall(run);
      const [error] = streamErrors(run);
      assert.equal(error![0], 'malformed');
      assert.match(error![1], /bad chunk size "ZZZ"/);
      const call = run.calls.find((c) => c.url === '/chunked')!;
      assert.equal(call.error?.type, 'dissection');
    } finally {
      run.cleanup();
    }
  });

  it('HTTP: a header section over 64 KiB is refused without buffering the rest', async () => {
    const run = await withGoodCall((cap) => {
      cap.tcp(C, 41001, S, 80).handshake().send(true, `GET /huge HTTP/1.1\r\nX-Big: ${'a'.repeat(4 << 20)}`).close();
    });
    try {
      assertGoodCall(run);
      assert.deepEqual(streamErrors(run).map((e) => e[0]), ['malformed']);
      assert.match(streamErrors(run)[0]![1], /header section exceeds 65536 bytes/);
    } finally {
      run.cleanup();
    }
  });

  it('HTTP: binary garbage on port 80 is reported as not HTTP', async () => {
    const garbage = Buffer.alloc(3000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    const run = await withGoodCall((cap) => {
      cap.tcp(C, 41002, S, 80).handshake().send(true, garbage).send(false, garbage).close();
    });
    try {
      assertGoodCall(run);
      assert.deepEqual(streamErrors(run), [['malformed', 'the data on port 80 is not HTTP']]);
    } finally {
      run.cleanup();
    }
  });

  it('DNS: a compression pointer loop is an error, not a hang', async () => {
    // Response with one question whose name is a pointer to itself (offset 12).
    const loop = Buffer.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    const run = await withGoodCall((cap) => cap.udp(S, 53, C, 53000, loop));
    try {
      assertGoodCall(run);
      assert.deepEqual(streamErrors(run), [['malformed', 'DNS response: compression pointer loop']]);
    } finally {
      run.cleanup();
    }
  });

  it('HTTP/2: an HPACK index outside the tables marks the stream', async () => {
    const preface = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';
    const settings = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    // HEADERS (END_STREAM | END_HEADERS) on stream 1: indexed field 190 with an empty dynamic table.
    const headers = Buffer.from([0, 0, 2, 1, 5, 0, 0, 0, 1, 0xff, 0x3f]);
    const run = await withGoodCall((cap) => {
      cap.tcp(C, 41003, S, 8081).handshake().send(true, Buffer.concat([Buffer.from(preface), settings, headers])).send(false, settings).close();
    });
    try {
      assertGoodCall(run);
      const errors = streamErrors(run);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]![0], 'malformed');
      assert.match(errors[0]![1], /^HPACK: header index 190 is outside the tables/);
    } finally {
      run.cleanup();
    }
  });

  it('TLS: a record cut short by the end of the connection marks the stream', async () => {
    // A ClientHello record announcing 300 bytes of which 100 arrive before the connection closes.
    const record = Buffer.concat([Buffer.from([0x16, 3, 1, 1, 0x2c, 1, 0, 1, 0x28]), Buffer.alloc(96, 1)]);
    const run = await withGoodCall((cap) => {
      cap.tcp(C, 41004, S, 443).handshake().send(true, record).close();
    });
    try {
      assertGoodCall(run);
      assert.deepEqual(streamErrors(run), [['malformed', 'the connection ended inside a TLS record from the client']]);
    } finally {
      run.cleanup();
    }
  });

  it('TCP: data waiting behind a hole is bounded (the hole becomes a gap)', async () => {
    const run = await withGoodCall((cap) => {
      const conv = cap.tcp(C, 41005, S, 80).handshake().send(true, 'GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
      conv.send(false, 'HTTP/1.1 200 OK\r\nContent-Length: 20000000\r\n\r\n');
      // 10 bytes are missing, then 8 MiB follow that no ACK confirms.
      conv.skip(false, 10).send(false, Buffer.alloc(8 << 20, 0x61), 65000);
    });
    try {
      assertGoodCall(run);
      assert.deepEqual(streamErrors(run).map((e) => e[0]), ['gap']);
      assert.match(streamErrors(run)[0]![1], /^10 bytes from the server were not captured/);
    } finally {
      run.cleanup();
    }
  });

  it('random damage to the payload bytes of a real capture never throws or hangs', async () => {
    const original = readFileSync(path.join(CAPTURES_DIR, 'small.pcap'));
    const tmp = tempDir('dissect-fuzz-');
    try {
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x80000000;
      };
      for (let round = 0; round < 30; round++) {
        const damaged = Buffer.from(original);
        // Flip bytes after the file header and the first record headers; lengths stay sane enough to read on.
        for (let i = 0; i < 400; i++) damaged[24 + Math.floor(random() * (damaged.length - 24))] ^= 1 + Math.floor(random() * 255);
        const file = tmp.file(`fuzz-${round}.pcap`, damaged);
        const run = await dissectFiles([file]);
        run.cleanup();
        assert.ok(run.result.progress.packets > 0);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('a synthetic pcap is read by the same writer tests use', () => {
    assert.equal(pcapFile({ linkType: 1, packets: [] }).length, 24);
  });
});
