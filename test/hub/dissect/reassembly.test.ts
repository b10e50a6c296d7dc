/**
 * TCP reassembly cases on crafted captures, each also read by tshark where it has an opinion:
 * out-of-order segments, retransmissions, overlaps (first-seen bytes win), holes reported as gaps,
 * a reused 4-tuple (a new stream at every SYN), connections picked up mid-stream, RST.
 */
import assert from 'node:assert/strict';
import { Capture, httpGet } from './support/conversation';
import { hasTshark, tsharkRows } from './support/oracle';
import { dissectCapture } from './support/synthetic';

const C = '10.0.0.1';
const S = '10.0.0.2';

describe('TCP reassembly', () => {
  it('puts out-of-order segments back in order', async () => {
    const cap = new Capture();
    const { request, response } = httpGet('/ordered/path');
    const conv = cap.tcp(C, 40000, S, 80).handshake();
    // The second half of the request arrives first.
    conv.segmentAt(true, 10, request.slice(10)).segmentAt(true, 0, request.slice(0, 10)).skip(true, request.length);
    conv.send(false, response).close();
    const run = await dissectCapture(cap);
    try {
      assert.deepEqual(run.calls.map((c) => [c.method, c.url, c.status]), [['GET', '/ordered/path', 200]]);
    } finally {
      run.cleanup();
    }
  });

  it('keeps the first-seen bytes where a retransmission overlaps them (as tshark does)', async () => {
    const cap = new Capture();
    const conv = cap.tcp(C, 40001, S, 80).handshake();
    const first = 'GET /first HTTP/1.1\r\nHost: a\r\n\r\n';
    const other = 'GET /other HTTP/1.1\r\nHost: a\r\n\r\n';
    conv.segmentAt(true, 0, first).segmentAt(true, 0, other).skip(true, first.length);
    conv.send(false, httpGet('/first').response).close();
    const run = await dissectCapture(cap);
    try {
      assert.deepEqual(run.calls.map((c) => c.url), ['/first']);
      if (hasTshark()) assert.deepEqual(tsharkRows(run.file, 'http.request', ['http.request.uri']).map((r) => r['http.request.uri']), ['/first']);
    } finally {
      run.cleanup();
    }
  });

  it('ignores retransmitted segments and delivers each byte once', async () => {
    const cap = new Capture();
    const { request, response } = httpGet('/once');
    const conv = cap.tcp(C, 40002, S, 80).handshake();
    conv.segmentAt(true, 0, request).segmentAt(true, 0, request).skip(true, request.length);
    conv.send(false, response).segmentAt(false, -response.length, response).close();
    const run = await dissectCapture(cap);
    try {
      assert.equal(run.calls.length, 1);
      assert.equal(run.calls[0]!.resp_size, response.length);
    } finally {
      run.cleanup();
    }
  });

  it('starts a new stream at every SYN of a reused 4-tuple', async () => {
    const cap = new Capture();
    for (const path of ['/one', '/two']) {
      const { request, response } = httpGet(path);
      const conv = cap.tcp(C, 40003, S, 80);
      conv.seq[0] += path === '/two' ? 77_777 : 0;
      conv.handshake().send(true, request).send(false, response).close();
    }
    const run = await dissectCapture(cap);
    try {
      assert.deepEqual(run.calls.map((c) => c.url), ['/one', '/two']);
      assert.notEqual(run.calls[0]!.stream, run.calls[1]!.stream);
      if (hasTshark()) assert.equal(new Set(tsharkRows(run.file, 'tcp', ['tcp.stream']).map((r) => r['tcp.stream'])).size, 2);
    } finally {
      run.cleanup();
    }
  });

  it('picks up a connection whose start was not captured, from a request or from a response', async () => {
    const cap = new Capture();
    const a = httpGet('/picked-up');
    cap.tcp(C, 40004, S, 8080).send(true, a.request).send(false, a.response);
    // Only a response: its sender is the server although it sends first.
    cap.tcp(S, 8081, C, 40005).send(true, httpGet('/x').response);
    const run = await dissectCapture(cap);
    try {
      const found = run.calls.map((c) => [c.url ?? '', c.status, c.dst.port, c.error?.type ?? null]);
      assert.deepEqual(found, [['/picked-up', 200, 8080, null], ['', 200, 8081, 'pair-not-found']]);
    } finally {
      run.cleanup();
    }
  });

  it('reports a hole as a gap and never invents bytes', async () => {
    const cap = new Capture();
    const conv = cap.tcp(C, 40006, S, 80).handshake();
    const { request } = httpGet('/before-the-hole');
    conv.send(true, request);
    // 100 bytes of the response were never captured; the server's later data and the client's ACK of it were.
    conv.skip(false, 100).send(false, 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    conv.segmentAt(true, 0, '').close();
    const run = await dissectCapture(cap);
    try {
      const httpCalls = run.calls.filter((c) => c.proto === 'http').map((c) => [c.url, c.status, c.error?.type]);
      assert.deepEqual(httpCalls, [['/before-the-hole', 0, 'pair-not-found']], 'nothing after the hole is taken for its response');
      const marked = run.calls.filter((c) => c.proto === 'tcp').map((c) => c.error?.msg);
      assert.deepEqual(marked, ['100 bytes from the server were not captured; HTTP parsing stopped']);
    } finally {
      run.cleanup();
    }
  });

  it('ends a connection at RST and dissects what came before', async () => {
    const cap = new Capture();
    const { request, response } = httpGet('/reset');
    cap.tcp(C, 40007, S, 80).handshake().send(true, request).send(false, response).reset(true);
    const run = await dissectCapture(cap);
    try {
      assert.deepEqual(run.calls.map((c) => [c.url, c.status]), [['/reset', 200]]);
    } finally {
      run.cleanup();
    }
  });
});
